import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../domain/runs.ts';
import { maySeeRun as runVisible, type AccessScope } from '../access/scope.ts';
import { documentsOf, expectationsFor, viewerPath } from './runs.ts';

const DOC = '1.2.246.10.3210987.91.1';

function record(checks: Record<string, unknown>[]): RunRecord {
  return {
    id: 'r1',
    recordedAt: '2026-11-20T10:00:00.000Z',
    scenarioId: 's',
    title: 'S',
    service: 'pta',
    organisation: '1.2.246.10.3210987.10.0',
    verdict: 'pass',
    startedAt: '2026-11-20T10:00:00.000Z',
    durationMs: 1,
    counts: { pass: 1, fail: 0, error: 0, skip: 0 },
    simulator: 'http://x',
    level: 'should',
    result: { scenarios: [{ id: 's', steps: [{ id: 'a', checks }] }] },
  };
}

const check = (extra: Record<string, unknown>): Record<string, unknown> => ({
  id: 'a.c',
  title: 't',
  kind: 'check',
  level: 'shall',
  verdict: 'pass',
  evidence: [],
  document: DOC,
  expected: 'Käyntikertomus',
  selector: { xpath: 'string(/cda:ClinicalDocument/cda:title)' },
  ...extra,
});

describe('scenario runs in the viewer', () => {
  it('links only to viewer pages, whatever host the runner used, and never to other schemes', () => {
    expect(viewerPath('http://127.0.0.1:9/viewer/documents/1.2.3')).toBe('/viewer/documents/1.2.3');
    expect(viewerPath('http://other/viewer/events/5')).toBe('/viewer/events/5');
    expect(viewerPath('/viewer/appointments/a-1')).toBe('/viewer/appointments/a-1');
    expect(viewerPath('javascript:alert(1)')).toBeUndefined();
    expect(viewerPath('http://x/archive/documents/1.2.3')).toBeUndefined();
    expect(viewerPath('http://x/viewer/fhir/Appointment/1')).toBeUndefined();
    expect(viewerPath('http://x/viewer/documents/1.2.3/../../sign-out')).toBeUndefined();
    expect(viewerPath(undefined)).toBeUndefined();
    expect(viewerPath('/viewer/documents/%zz')).toBeUndefined();
  });

  it('maps checks that read a document with equals and xpath to compare fields, and nothing else', () => {
    const r = record([
      check({}),
      check({ id: 'no-expected', expected: undefined, selector: { xpath: 'string(//cda:x)' } }),
      check({ id: 'path', selector: { path: 'custodian.oid' } }),
      check({ id: 'other-doc', document: '1.2.3', selector: { xpath: 'string(//cda:y)' } }),
      check({ id: 'number', expected: 2, selector: { xpath: 'count(//cda:z)' } }),
      check({ id: 'event', kind: 'event', selector: { xpath: 'string(//cda:w)' } }),
    ]);
    expect(expectationsFor(r, DOC)).toEqual({
      'xpath:string(/cda:ClinicalDocument/cda:title)': 'Käyntikertomus',
      'xpath:count(//cda:z)': 2,
    });
    expect(documentsOf(r)).toEqual([
      { oid: DOC, fields: 2 },
      { oid: '1.2.3', fields: 1 },
    ]);
  });

  it("shows a run to the archivists of the run's organisation only", () => {
    const scope: AccessScope = {
      registerController: '1.2.246.10.3210987.19.0',
      organisations: new Set(['1.2.246.10.3210987.10.0']),
      custodians: new Set(['1.2.246.10.3210987.10.0']),
    };
    expect(runVisible(scope, { organisation: '1.2.246.10.3210987.10.0' })).toBe(true);
    expect(runVisible(scope, { organisation: '1.2.246.10.2876543.10.0' })).toBe(false);
    expect(runVisible(scope, {})).toBe(false);
  });
});
