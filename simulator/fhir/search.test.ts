import { describe, expect, it } from 'vitest';
import { dateRange, parseDateSearch } from './dates.ts';
import { FhirError } from './outcomes.ts';
import { matchRoute, ROUTES } from './routes.ts';
import { parseSearch } from './search.ts';

const params = (entries: Record<string, string>): Map<string, string[]> =>
  new Map(Object.entries(entries).map(([k, v]) => [k, [v]]));

describe('FHIR dates as periods', () => {
  it('a value covers its whole precision', () => {
    expect(dateRange('2026')).toEqual({ low: Date.UTC(2026, 0, 1), high: Date.UTC(2027, 0, 1) });
    expect(dateRange('2026-02')).toEqual({ low: Date.UTC(2026, 1, 1), high: Date.UTC(2026, 2, 1) });
    expect(dateRange('2026-10-05T09:00:00+03:00')).toEqual({
      low: Date.UTC(2026, 9, 5, 6),
      high: Date.UTC(2026, 9, 5, 6, 0, 1),
    });
    expect(dateRange('2026-10-05T09:00:00.123Z')?.high).toBe(Date.UTC(2026, 9, 5, 9, 0, 0, 124));
  });

  it('refuses dates that do not exist', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '1.1.2026', '2026-10-05T25:00:00Z', ''])
      expect(dateRange(bad), bad).toBeUndefined();
  });

  it('reads search prefixes, eq by default', () => {
    expect(parseDateSearch('ge2026-10-01')?.prefix).toBe('ge');
    expect(parseDateSearch('2026-10-01')?.prefix).toBe('eq');
    expect(parseDateSearch('zz2026')).toBeUndefined();
  });
});

describe('search parameters', () => {
  it('parses tokens, strings, references, dates, sort, include and paging', () => {
    const { query, includes } = parseSearch(
      'Slot',
      params({
        'service-type': 'urn:oid:1.2.246.537.6.49|NC',
        schedule: '42',
        start: 'ge2026-10-01',
        _sort: '-start',
        _count: '5',
        _offset: '10',
        _include: 'Slot:schedule',
      }),
    );
    expect(query.criteria).toEqual([
      { param: 'service-type', kind: 'token', values: [{ system: 'urn:oid:1.2.246.537.6.49', code: 'NC' }] },
      { param: 'schedule', kind: 'reference', values: ['Schedule/42'] },
      expect.objectContaining({ param: 'start', kind: 'date', prefix: 'ge' }),
    ]);
    expect(query.sort).toEqual([{ param: 'start', descending: true }]);
    expect([query.count, query.offset]).toEqual([5, 10]);
    expect(includes.map((d) => d.name)).toEqual(['schedule']);
  });

  it('refuses what it would otherwise ignore, saying what is supported', () => {
    for (const bad of [
      { colour: 'red' },
      { _summary: 'true' },
      { start: 'soon' },
      { _sort: 'status' },
      { 'identifier:above': 'x' },
    ] as Record<string, string>[]) {
      expect(() => parseSearch('Slot', params(bad)), JSON.stringify(bad)).toThrow(FhirError);
    }
  });

  it('reads _total as none, estimate or accurate and refuses anything else by its code', () => {
    expect(parseSearch('Slot', params({ _total: 'accurate' })).query.total).toBe('accurate');
    expect(parseSearch('Slot', params({ _total: 'none' })).query.total).toBe('none');
    expect(parseSearch('Slot', params({})).query.total).toBeUndefined();
    try {
      parseSearch('Slot', params({ _total: 'exact' }));
      expect.unreachable();
    } catch (err) {
      expect(JSON.stringify((err as FhirError).outcome)).toContain('FHIR-SEARCH-014');
    }
  });
});

describe('route table', () => {
  it('matches literal Kanta routes before generic ones and binds their type', () => {
    const m = matchRoute('PUT', ['Appointment', 'a1']);
    expect(m.kind === 'match' && [m.route.interaction, m.params]).toEqual([
      'update',
      { id: 'a1', type: 'Appointment' },
    ]);
    expect(matchRoute('POST', ['Appointment', '_search']).kind).toBe('match');
  });

  it('says 405 for a known path with another method, and unsupported for other types', () => {
    expect(matchRoute('PATCH', ['Slot', '1']).kind).toBe('wrong-method');
    expect(matchRoute('POST', ['Provenance']).kind).toBe('wrong-method');
    expect(matchRoute('GET', ['Observation']).kind).toBe('unsupported-type');
  });

  it('has one line per method and path', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
