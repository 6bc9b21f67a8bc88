/**
 * The archivist's named fields and their comparison: fields read from a Potilastiedon arkisto CDA, a
 * social-welfare CDA (both built by the fixture builders and read by the real header extraction) and a
 * FHIR appointment; section fields; the one rule for "could not be checked" that the banner and the rows
 * share; and the compare page rendered to a string, with a difference marked by class and by ≠.
 */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { buildCda, kantaSocialMessage, SOCIAL_ORGANISATIONS } from '../../fixtures/cda/index.ts';
import { kantaAppointment } from '../../fixtures/fhir/appointment.ts';
import { translator } from '../../common/i18n/index.ts';
import { extractHeader } from '../archive/header.ts';
import { parseXml } from '../archive/xml.ts';
import type { ArchivedDocument } from '../domain/cda.ts';
import { compareDocument, countUnchecked, outcomeMarker, parseExpectations, summarise } from './compare.ts';
import { appointmentFields, documentFields, namedFieldOfXPath, narrativeSections } from './fields.ts';
import { ComparePage } from './pages/compare.tsx';
import type { ArchivistScope } from './scope.ts';
import { parseForXPath } from './xpath-value.ts';

function archived(cda: string, repository: 'pta' | 'social'): ArchivedDocument {
  const parsed = parseXml(cda, '/', 1e7);
  if (!parsed.ok) throw new Error('not parsed');
  const header = extractHeader(parsed.root);
  return {
    oid: header.documentOid,
    repository,
    setId: header.documentOid,
    versionNumber: 1,
    status: 'current',
    valid: true,
    mode: 'strict',
    header,
    findings: [],
    sha256: '0',
    sizeBytes: cda.length,
    receivedAt: '2026-09-15T10:16:00.000Z',
  };
}

function xmlNode(cda: string): Node {
  const x = parseForXPath(cda);
  if (!x.ok) throw new Error(x.problem);
  return x.doc;
}

const ptaCda = buildCda({ repository: 'pta', title: 'Käyntikertomus' });
const pta = archived(ptaCda, 'pta');

describe('named fields of a Potilastiedon arkisto document', () => {
  it('reads title, patient, time, author, custodian, register and codes with their code systems', () => {
    const fields = documentFields(pta, xmlNode(ptaCda));
    const by = new Map(fields.map((f) => [f.name, f]));
    expect(by.get('title')?.value).toBe('Käyntikertomus');
    expect(by.get('patient')?.value).toMatch(/^\d{6}[-+A-Y]9\d\d[0-9A-Y]$/);
    expect(by.get('effectiveTime')?.kind).toBe('time');
    expect(by.get('author')?.value).toBeTruthy();
    expect(by.get('custodian')?.value).toMatch(/^1\.2\.246\./);
    expect(by.get('registerCode')?.codes?.[0]).toMatchObject({ code: expect.any(String) });
    expect(by.get('registerCode')?.codes?.[0]?.codeSystem).toMatch(/^1\.2\.246\./);
    // Reading order: title before patient before times before codes.
    const names = fields.map((f) => f.name);
    expect(names.indexOf('title')).toBeLessThan(names.indexOf('patient'));
    expect(names.indexOf('patient')).toBeLessThan(names.indexOf('effectiveTime'));
    expect(names.indexOf('effectiveTime')).toBeLessThan(names.indexOf('registerCode'));
  });

  it('lists the narrative sections by title with their text', () => {
    const sections = narrativeSections(xmlNode(ptaCda));
    expect(sections.length).toBeGreaterThan(0);
    for (const s of sections) expect(s.title).not.toBe('');
    const fields = documentFields(pta, xmlNode(ptaCda));
    expect(fields.some((f) => f.name === `section:${sections[0]?.title ?? ''}`)).toBe(true);
  });
});

describe('named fields of a social-welfare document', () => {
  it('reads the document group and service task with their code systems, and no structured sections', () => {
    const built = kantaSocialMessage('client');
    const doc = { ...archived(built.cda, 'social'), custodian: SOCIAL_ORGANISATIONS.pohjola.oid };
    const fields = documentFields(doc, xmlNode(built.cda));
    const by = new Map(fields.map((f) => [f.name, f]));
    expect(by.get('documentGroup')?.codes?.[0]?.codeSystem).toMatch(/^1\.2\.246\.537\.6\.1505/);
    expect(by.get('serviceTask')?.codes?.[0]?.codeSystem).toMatch(/^1\.2\.246\.537\.6\.1221/);
    expect(by.get('title')?.value).toBeTruthy();
    expect(fields.filter((f) => f.name.startsWith('section:'))).toEqual([]);
  });
});

describe('named fields of an appointment', () => {
  it('reads status, start and end as times, the patient and the service type codes', () => {
    const apt = kantaAppointment();
    const fields = appointmentFields(apt);
    const by = new Map(fields.map((f) => [f.name, f]));
    expect(by.get('status')?.value).toBe(apt.status);
    expect(by.get('start')).toMatchObject({ kind: 'time', value: apt.start });
    expect(by.get('end')).toMatchObject({ kind: 'time', value: apt.end });
    expect(by.get('patient')?.value).toMatch(/^\d{6}[-+A-Y]9\d\d[0-9A-Y]$/);
    for (const f of fields) if (f.codes) for (const c of f.codes) expect(c.code).not.toBe('');
  });
});

describe('comparing named fields', () => {
  const xml = (): ReturnType<typeof parseForXPath> => parseForXPath(ptaCda);
  const section = narrativeSections(xmlNode(ptaCda))[0];

  it('compares a section by title, and flags a changed one', () => {
    const rows = compareDocument(
      pta,
      [
        [`section:${section?.title ?? ''}`, section?.text ?? ''],
        ['section:Ei tällaista osiota', 'x'],
        ['title', 'Väärä otsikko'],
      ],
      xml,
    );
    expect(rows.map((r) => r.outcome)).toEqual(['match', 'missing', 'mismatch']);
  });

  it('banner and rows agree on what could not be checked: one function, one marker', () => {
    const rows = compareDocument(
      pta,
      [
        ['title', 'Käyntikertomus'],
        ['diagnosis', 'I10'],
        ['author', ['a']],
        ['xpath:///', 'x'],
        ['patient', '010181-900X'],
      ],
      xml,
    );
    expect(countUnchecked(rows)).toBe(3);
    expect(rows.filter((r) => outcomeMarker(r.outcome) === '?')).toHaveLength(3);
    const counts = summarise(rows);
    expect(counts['unknown-field'] + counts.invalid).toBe(countUnchecked(rows));
    expect(outcomeMarker('mismatch')).toBe('≠');
    expect(outcomeMarker('missing')).toBe('≠');
    expect(outcomeMarker('match')).toBe('✓');
  });

  it('explains problems in the reader’s language', () => {
    const fi = translator('fi', 'viewer');
    expect(parseExpectations('', fi)).toMatchObject({ ok: false, problem: expect.stringContaining('JSON') });
    expect(parseExpectations('[1]', fi)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('objekti'),
    });
    const [row] = compareDocument(pta, [['diagnosis', 'I10']], xml, translator('sv', 'viewer'));
    expect(row?.note).toMatch(/Visaren/);
    expect(parseExpectations('')).toMatchObject({ ok: false, problem: expect.stringContaining('{"title"') });
  });
});

describe('the compare page', () => {
  it('shows named fields side by side with a difference marked by class and by ≠', () => {
    const rows = compareDocument(
      pta,
      [
        ['title', 'Väärä otsikko'],
        ['diagnosis', 'I10'],
      ],
      () => parseForXPath(ptaCda),
    );
    const scope = {
      archivist: { id: 'a', name: 'A', registerController: '1.2.3', active: true, createdAt: '2026-01-01' },
      registerController: {
        oid: '1.2.3',
        name: 'Org',
        kind: 'organisation',
        public: true,
        active: true,
        updatedAt: '2026-01-01',
      },
      access: {
        registerController: '1.2.3',
        organisations: new Set(['1.2.3']),
        custodians: new Set(['1.2.3']),
      },
    } as unknown as ArchivistScope;
    const html = renderToString(
      h(ComparePage, {
        scope,
        doc: pta,
        input: '',
        rows,
        named: documentFields(pta, xmlNode(ptaCda)),
      }),
    );
    const named = html.slice(html.indexOf('data-testid="compare-named"'));
    expect(named).toMatch(/<tr class="cmp-mismatch cmp-differs" data-named="title"/);
    expect(named).toContain('≠');
    expect(named).toContain('Väärä otsikko');
    expect(named).toContain('Käyntikertomus');
    // Helsinki time with the zone, not the raw HL7 TS.
    expect(named).toMatch(/<time dateTime=/i);
    // The banner's unchecked count is the rows' ? count: 1 here.
    expect(html).toMatch(/1 ei voi tarkistaa/);
  });
});

describe('recorded runs’ XPath checks by named field', () => {
  it('maps well-known paths, whatever the prefix, and nothing else', () => {
    expect(namedFieldOfXPath('xpath:string(/cda:ClinicalDocument/cda:title)')).toBe('title');
    expect(namedFieldOfXPath('xpath:/hl7:ClinicalDocument/hl7:custodian//hl7:id/@root')).toBe('custodian');
    expect(namedFieldOfXPath('xpath:/hl7:ClinicalDocument/hl7:component')).toBeUndefined();
    expect(namedFieldOfXPath('title')).toBeUndefined();
  });
});
