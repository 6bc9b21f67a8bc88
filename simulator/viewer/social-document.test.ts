/**
 * The document page of a social-welfare document in Kanta's format: the social header with the Finnish
 * displays of the code lists, and the XHTML view (nonXMLBody/text, base64) rendered through the
 * narrative allow-list. The document is archived by the real intake (SQLite in memory) and the page is
 * rendered to a string as the viewer route does.
 */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { SOCIAL_ORGANISATIONS, kantaSocialMessage } from '../../fixtures/cda/index.ts';
import { parseXml } from '../archive/xml.ts';
import { extractHeader } from '../archive/header.ts';
import type { ArchivedDocument } from '../domain/cda.ts';
import { parseOrdered, childNamed, textContent } from '../xml/ordered.ts';
import { DocumentPage } from './pages/document.tsx';
import type { ArchivistScope } from './scope.ts';

const org = SOCIAL_ORGANISATIONS.pohjola;

function page(xhtmlScript = false): string {
  const built = kantaSocialMessage('client', {
    restriction: { argument: 'Viivästys 1', inaccessible: '1' },
    ...(xhtmlScript
      ? {
          xhtml:
            '<div xmlns="http://www.w3.org/1999/xhtml"><p>Suunnitelma</p><script>alert(1)</script></div>',
        }
      : {}),
  });
  const parsed = parseXml(built.cda, '/', 1e7);
  if (!parsed.ok) throw new Error('not parsed');
  const header = extractHeader(parsed.root);
  const doc: ArchivedDocument = {
    oid: built.oid,
    repository: 'social',
    setId: built.oid,
    versionNumber: 1,
    status: 'current',
    valid: true,
    mode: 'strict',
    header,
    findings: [],
    sha256: '0',
    sizeBytes: built.cda.length,
    receivedAt: '2026-09-15T10:16:00.000Z',
    custodian: org.oid,
  };
  const ordered = parseOrdered(built.cda);
  if (!ordered.ok) throw new Error('not ordered');
  const text = childNamed(
    childNamed(childNamed(ordered.root, 'component', 'urn:hl7-org:v3'), 'nonXMLBody', 'urn:hl7-org:v3'),
    'text',
    'urn:hl7-org:v3',
  );
  const view = parseOrdered(Buffer.from(textContent(text ?? ordered.root), 'base64').toString('utf8'));
  if (!view.ok) throw new Error('no view');
  const scope = {
    archivist: { id: 'a', name: 'A', registerController: org.oid, active: true, createdAt: '2026-01-01' },
    registerController: {
      oid: org.oid,
      name: org.name,
      kind: 'organisation',
      public: true,
      active: true,
      updatedAt: '2026-01-01',
    },
    access: {
      registerController: org.oid,
      organisations: new Set([org.oid]),
      custodians: new Set([org.oid]),
    },
  } as ArchivistScope;
  return renderToString(
    h(DocumentPage, {
      scope,
      doc,
      versions: [doc],
      xml: {
        ok: true,
        root: ordered.root,
        prolog: undefined,
        sections: [],
        nonXmlBody: 'application/xhtml+xml',
        socialXhtml: view.root,
      },
      names: new Map(),
    }),
  );
}

describe('social-welfare document page', () => {
  it('shows the social header with Finnish displays and the XHTML view', () => {
    const html = page();
    expect(html).toContain('Lapsiperheiden palvelujen asiakassuunnitelma');
    expect(html).toContain('Lapsiperheiden palvelut');
    expect(html).toContain('Asiakkuuden suunnittelu');
    expect(html).toContain('Asiakirjan näyttämisestä aiheutuu vaaraa');
    expect(html).toContain('Viivästys 1');
    expect(html).toContain('Toisen tai myöhemmän vaiheen asiakasasiakirja');
    expect(html).toContain('data-testid="narrative"');
    expect(html).not.toContain('the viewer does not render it');
  });

  it('renders the XHTML view through the allow-list (no script)', () => {
    const html = page(true);
    expect(html).toContain('Suunnitelma');
    expect(html).not.toContain('alert(1)</script>');
    expect(html).not.toMatch(/<script>alert/);
  });
});
