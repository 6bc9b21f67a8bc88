import { describe, expect, it } from 'vitest';
import { renderSummary, summarise, summaryIn } from './event-summary.ts';

describe('event summaries as data', () => {
  it('records the English rendering with the wording, and renders the wording in each language', () => {
    const s = summarise('kanta.done', { op: 'replace', id: 'a1', invalid: 'yes' });
    expect(s.summary).toBe('Kanta replace of Appointment/a1 (rehearsal: stored although invalid)');
    const event = { ...s, findings: [] };
    expect(summaryIn(event, 'fi')).toBe(
      'Kanta-korvaus: Appointment/a1 (harjoitus: tallennettiin, vaikka virheellinen)',
    );
    expect(summaryIn(event, 'sv')).toBe(
      'Kanta-ersättning av Appointment/a1 (övning: lagrad trots att den är ogiltig)',
    );
  });

  it('counts with the language’s plurals and keeps ids and versions as written', () => {
    const one = summarise('registry.testPersonsIssued', {
      count: 1,
      vendor: 'Toimittaja Oy',
      customer: 'Hyvinvointialue',
      service: 'pta-appointment',
    });
    expect(one.summary).toBe(
      '1 test person issued to Toimittaja Oy for Hyvinvointialue, service pta-appointment',
    );
    expect(renderSummary({ ...one.wording, args: { ...one.wording.args, count: 3 } }, [], 'fi')).toBe(
      '3 testihenkilöä luovutettiin toimittajalle Toimittaja Oy asiakkaan Hyvinvointialue palveluun pta-appointment',
    );
    const stored = summarise('archive.stored', {
      valid: 'no',
      oid: '1.2.246.10.1234567.10.2026.1',
      version: '1234',
      repository: 'pta',
      replaces: 'none',
    });
    expect(stored.summary).toBe('stored INVALID (rehearsal) 1.2.246.10.1234567.10.2026.1 v1234 in pta');
  });

  it('words the findings it quotes in the reader’s language', () => {
    const findings = [
      {
        code: 'FHIR-JSON-007',
        severity: 'error',
        message: 'the JSON is nested deeper than 64 levels; no FHIR resource needs that',
      },
    ];
    const s = summarise('archive.nullifyRefused', { oid: '1.2.3', status: '400' }, findings);
    expect(s.summary).toBe(
      'nullification of 1.2.3 refused (400): the JSON is nested deeper than 64 levels; no FHIR resource needs that',
    );
    expect(summaryIn({ ...s, findings }, 'fi')).toBe(
      'asiakirjan 1.2.3 mitätöinti hylättiin (400): JSON on sisäkkäin syvemmällä kuin 64 tasoa; mikään FHIR-resurssi ei tarvitse sitä',
    );
    const refused = summarise('archive.refused', { oid: 'none', ack: 'AR' }, findings);
    expect(refused.summary).toMatch(/^refused \(AR\): FHIR-JSON-007 the JSON is nested/);
  });

  it('shows an event recorded before summaries were data as it was written', () => {
    expect(summaryIn({ summary: 'archived 1.2.3 v1 in pta', findings: [] }, 'fi')).toBe(
      'archived 1.2.3 v1 in pta',
    );
  });
});
