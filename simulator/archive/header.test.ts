import { describe, expect, it } from 'vitest';
import {
  TEST_HETU,
  WORLD,
  cdaElement,
  el,
  socialCda,
  xmlDocument,
  type El,
} from '../../fixtures/cda/index.ts';
import type { CdaHeader } from '../domain/cda.ts';
import { extractHeader, tsToIso } from './header.ts';
import { decodePart, parseMultipart } from './mime.ts';
import { parseXml, type XmlNode } from './xml.ts';

function parse(root: El): XmlNode {
  const r = parseXml(xmlDocument(root), '/', 10_000_000);
  if (!r.ok) throw new Error(JSON.stringify(r.findings));
  return r.root;
}

/** Adds children to the fixture's hl7fi:localHeader element. */
function withLocal(root: El, ...extra: El[]): El {
  return {
    ...root,
    children: (root.children ?? []).map((c) =>
      typeof c === 'object' && c.name === 'localHeader'
        ? { ...c, children: [...(c.children ?? []), ...extra] }
        : c,
    ),
  };
}

describe('CDA header extraction', () => {
  it('reads the typed header of a PTA fixture document', () => {
    const h = extractHeader(parse(cdaElement({ oid: '1.2.246.10.3210987.91.1', viewCodes: ['102', '40'] })));
    expect(h.documentOid).toBe('1.2.246.10.3210987.91.1');
    expect(h.setId?.root).toBe('1.2.246.10.3210987.91.1');
    expect(h.versionNumber).toBe(1);
    expect(h.realmCode).toBe('FI');
    expect(h.registerCode).toMatchObject({ code: '2', codeSystem: '1.2.246.537.5.40150.2009' });
    expect(h.patient).toMatchObject({
      id: { root: '1.2.246.21', extension: TEST_HETU.patient },
      idKind: 'hetu',
      name: 'Testi Potilas',
    });
    expect(h.authors[0]?.id?.extension).toBe(TEST_HETU.author);
    expect(h.custodian?.oid).toBe(WORLD.pta.registerController);
    expect(h.encounter?.responsibleOrganisation).toBe(WORLD.pta.organisation);
    expect(h.localHeader).toMatchObject({
      present: true,
      documentType: { code: '4' },
      functionCode: { code: '06.00' },
      recordStatus: { code: '3' },
      retentionPeriodClass: { code: '2' },
      fileFormat: { code: '1' },
      custodianTypeCode: { code: '1' },
      softwareSupport: { product: 'Potilas360', version: '4.2' },
    });
    expect(h.viewCodes.map((v) => v.code)).toEqual(['102', '40']);
    expect(h.replaces).toBeUndefined();
  });

  it('reads the RPLC relation and a temporary patient ID', () => {
    const h = extractHeader(
      parse(
        cdaElement({
          versionNumber: 2,
          replaces: { oid: '1.2.246.10.3210987.91.1', setId: '1.2.246.10.3210987.91.1', versionNumber: 1 },
          patient: { root: '1.2.246.10.3210987.22.2026', extension: '010100A998F' },
        }),
      ),
    );
    expect(h.replaces).toMatchObject({
      typeCode: 'RPLC',
      id: { root: '1.2.246.10.3210987.91.1' },
      versionNumber: 1,
    });
    expect(h.patient?.idKind).toBe('temporary');
  });

  it("reads kantasim's earlier social-welfare format's group and task from their elements", () => {
    const doc = parse(cdaElement({ repository: 'social', documentGroup: '1', serviceTask: '24' }));
    const h = extractHeader(doc, { repository: 'social' });
    expect(h.social).toMatchObject({
      documentGroupKey: 'phase1',
      documentGroup: { code: '1' },
      serviceTask: { code: '24' },
    });
    // Only for the social-welfare repository: a Patient Data Repository document's function code is
    // not a service task.
    expect(extractHeader(doc).social).toEqual({});
  });

  it('reads the group and task of a Kanta-format document from their elements, not by code system', () => {
    const { cda } = socialCda('client');
    const read = (xml: string): CdaHeader['social'] => {
      const r = parseXml(xml, '/', 10_000_000);
      if (!r.ok) throw new Error(JSON.stringify(r.findings));
      return extractHeader(r.root, { repository: 'social' }).social;
    };
    expect(read(cda)).toMatchObject({ documentGroup: { code: '5' }, serviceTask: { code: '24' } });
    // Renamed, the elements are not the group and the task, whatever code system they carry.
    const renamed = read(
      cda.replace(/hl7fi:documentGroup/g, 'hl7fi:typeCode').replace(/hl7fi:functionCode/g, 'hl7fi:task'),
    );
    expect([renamed.documentGroup, renamed.serviceTask, renamed.kind]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    // A group from the service-task code system is the group as written, and maps to no category.
    const swapped = read(
      cda.replace(/(<hl7fi:documentGroup[^>]*codeSystem=")[^"]*/, '$11.2.246.537.6.1221.201601'),
    );
    expect(swapped.documentGroup).toMatchObject({ code: '5', codeSystem: '1.2.246.537.6.1221.201601' });
    expect(swapped.serviceTask).toMatchObject({ code: '24' });
    expect([swapped.documentGroupKey, swapped.kind]).toEqual([undefined, undefined]);
  });

  it('reads further local-header elements and names unknown ones', () => {
    const root = withLocal(
      cdaElement(),
      el('KantaMetadata', {}, el('FieldName', { root: '1.2.3' }), el('FieldValue', {}, 'arvo')),
      el('validConsentId', { root: '1.2.246.10.3210987.30.1' }),
      el('json', { representation: 'B64' }, 'e30='),
    );
    const h = extractHeader(parse(root));
    expect(h.localHeader.kantaMetadata).toEqual([{ field: '1.2.3', value: 'arvo' }]);
    expect(h.localHeader.validConsentIds).toEqual([{ root: '1.2.246.10.3210987.30.1' }]);
    expect(h.localHeader.otherElements).toEqual(['json']);
  });

  it('turns HL7 TS into sortable ISO and rejects malformed ones', () => {
    expect(tsToIso('20170922151552')).toBe('2017-09-22T15:15:52');
    expect(tsToIso('20170922151558.936+0200')).toBe('2017-09-22T15:15:58');
    expect(tsToIso('20170922')).toBe('2017-09-22');
    expect(tsToIso('2017-09-22')).toBeUndefined();
    expect(tsToIso('20171322')).toBeUndefined();
  });
});

describe('multipart/related parsing', () => {
  const pkg = (lines: string[], eol = '\n'): string => lines.join(eol);

  it('reads a part with CRLF line ends, a folded boundary and no closing delimiter', () => {
    const r = parseMultipart(
      pkg(
        [
          'Content-Type: multipart/related;',
          '\tboundary="b1"',
          '',
          '--b1',
          'Content-ID: <1.2.3>',
          'Content-Transfer-Encoding: base64',
          '',
          'PGEvPg==',
          '',
        ],
        '\r\n',
      ),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.parts[0]?.contentId).toBe('1.2.3');
    const part = r.parts[0];
    expect(part && Buffer.from(decodePart(part) ?? []).toString()).toBe('<a/>');
  });

  it('says what is wrong with a package that is not multipart/related', () => {
    expect(parseMultipart(pkg(['Content-Type: text/plain', '', 'x']))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/multipart\/related/),
    });
    expect(parseMultipart(pkg(['Subject: x', '', 'x']))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/no Content-Type/),
    });
  });
});
