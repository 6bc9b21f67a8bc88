import { describe, expect, it } from 'vitest';
import type { ArchivedDocument } from '../domain/cda.ts';
import { compareDocument, normaliseTime, parseExpectations, summarise, valuesMatch } from './compare.ts';
import { diffLines } from './diff.ts';
import { parseForXPath } from './xpath-value.ts';

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:hl7fi="urn:hl7finland">
  <title>Lähete</title>
  <custodian><assignedCustodian><representedCustodianOrganization><id root="1.2.246.10.3210987.19.0"/></representedCustodianOrganization></assignedCustodian></custodian>
  <hl7fi:localHeader><hl7fi:documentType code="4"/></hl7fi:localHeader>
  <component><structuredBody><component><section><title>A</title></section></component><component><section><title>B</title></section></component></structuredBody></component>
</ClinicalDocument>`;

const doc = {
  oid: '1.2.3.1',
  repository: 'pta',
  setId: '1.2.3.1',
  versionNumber: 1,
  status: 'current',
  valid: true,
  mode: 'strict',
  patient: '010181-900C',
  documentType: '4',
  effectiveAt: '2026-09-15T10:15:00',
  custodian: '1.2.246.10.3210987.19.0',
  header: {
    documentOid: '1.2.3.1',
    id: { root: '1.2.3.1' },
    templateIds: [],
    title: 'Lähete  kirurgille',
    effectiveTime: '20260915101500+0300',
    authors: [{ name: 'Testi Lääkäri' }],
    relatedDocuments: [],
    localHeader: {
      present: true,
      tableOfContents: [],
      serviceChainLinks: [],
      episodeLinks: [],
      signatures: [],
      otherElements: [],
    },
    viewCodes: [
      { code: '40', codeSystem: '1.2.246.537.6.12' },
      { code: '102', codeSystem: '1.2.246.537.6.12' },
    ],
    social: {},
  },
  findings: [],
  sha256: '',
  sizeBytes: 0,
  receivedAt: '2026-09-15T10:20:00.000Z',
} as ArchivedDocument;

const xml = (): ReturnType<typeof parseForXPath> => parseForXPath(XML);

describe('reading the source system’s values', () => {
  it('accepts a flat JSON object and explains anything else', () => {
    expect(parseExpectations('{"title": "x"}')).toEqual({ ok: true, fields: [['title', 'x']] });
    expect(parseExpectations('')).toMatchObject({ ok: false });
    expect(parseExpectations('[1]')).toMatchObject({ ok: false, problem: expect.stringContaining('object') });
    expect(parseExpectations('{title: x}')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('not valid JSON'),
    });
    expect(parseExpectations('{}')).toMatchObject({ ok: false });
    expect(parseExpectations('\uFEFF{"a": 1}')).toMatchObject({ ok: true });
  });
});

describe('comparing with the archived document', () => {
  it('marks matching, differing, missing, unknown and invalid fields', () => {
    const rows = compareDocument(
      doc,
      [
        ['title', 'Lähete kirurgille'],
        ['patient', '010181-900X'],
        ['encounterId', '1.2.3'],
        ['diagnosis', 'I10'],
        ['author', ['a']],
        ['versionNumber', 1],
        ['replaces', null],
      ],
      xml,
    );
    expect(rows.map((r) => [r.field, r.outcome])).toEqual([
      ['title', 'match'],
      ['patient', 'mismatch'],
      ['encounterId', 'missing'],
      ['diagnosis', 'unknown-field'],
      ['author', 'invalid'],
      ['versionNumber', 'match'],
      ['replaces', 'match'],
    ]);
    expect(rows[1]).toMatchObject({ expected: '010181-900X', actual: '010181-900C' });
    expect(summarise(rows)).toEqual({ match: 3, mismatch: 1, missing: 1, 'unknown-field': 1, invalid: 1 });
  });

  it('compares times in HL7 TS or ISO to the precision the source gives', () => {
    const check = (value: string): string | undefined =>
      compareDocument(doc, [['effectiveTime', value]], xml)[0]?.outcome;
    expect(check('20260915101500')).toBe('match');
    expect(check('2026-09-15T10:15:00+03:00')).toBe('match');
    expect(check('2026-09-15T10:15')).toBe('match');
    expect(check('2026-09-15')).toBe('match');
    expect(check('2026-09-15T10:16')).toBe('mismatch');
    expect(check('2026-09-16')).toBe('mismatch');
    expect(normaliseTime('2026-09-15T10:15:00.123Z')).toBe('2026-09-15T10:15:00');
    expect(normaliseTime('nonsense')).toBeUndefined();
  });

  it('compares lists in any order', () => {
    expect(valuesMatch('list', '102, 40', '40, 102')).toBe(true);
    expect(valuesMatch('list', '40', '40, 102')).toBe(false);
  });

  it('evaluates xpath: fields over the stored XML with the hl7 and hl7fi prefixes', () => {
    const rows = compareDocument(
      doc,
      [
        ['xpath:/hl7:ClinicalDocument/hl7:title', 'Lähete'],
        ['xpath:/hl7:ClinicalDocument/hl7fi:localHeader/hl7fi:documentType/@code', '5'],
        ['xpath:count(//hl7:section)', 2],
        ['xpath://hl7:section/hl7:title', 'A'],
        ['xpath:/hl7:ClinicalDocument/hl7:nothing', 'x'],
        ['xpath:///', 'x'],
      ],
      xml,
    );
    expect(rows.map((r) => r.outcome)).toEqual(['match', 'mismatch', 'match', 'match', 'missing', 'invalid']);
    expect(rows[3]?.note).toContain('2 nodes matched');
  });

  it('says why xpath fields cannot be checked when the stored XML has a DOCTYPE', () => {
    const rows = compareDocument(doc, [['xpath:/a', 'x']], () => parseForXPath('<!DOCTYPE a><a/>'));
    expect(rows[0]).toMatchObject({ outcome: 'invalid', note: expect.stringContaining('DOCTYPE') });
  });
});

describe('line diff', () => {
  it('keeps common lines and marks removed and added ones in order', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { op: 'same', text: 'a' },
      { op: 'removed', text: 'b' },
      { op: 'added', text: 'x' },
      { op: 'same', text: 'c' },
      { op: 'added', text: 'd' },
    ]);
    expect(diffLines([], [])).toEqual([]);
  });
});
