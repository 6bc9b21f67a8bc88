/** A recorded-run body as `kantasim run --json` writes it, for the /runs and viewer tests. */
import type { RunResult } from '../../runner/types.ts';

export const KUUSIJARVI = '1.2.246.10.3210987.10.0';
export const LUMME = '1.2.246.10.2654321.10.0';

/** A run result as `kantasim run --json` writes it, with two scenarios of two organisations. */
export function sampleRun(): RunResult {
  const scenario = (id: string, org: string, verdict: 'pass' | 'fail'): RunResult['scenarios'][number] => ({
    id,
    title: `Scenario ${id}`,
    description: 'for the test',
    service: 'pta',
    file: `scenarios/pta/${id}.yaml`,
    organisation: { oid: org, name: 'Org' },
    verdict,
    startedAt: '2026-11-20T10:00:00.000Z',
    durationMs: 1500,
    testPersons: [{ hetu: '010181-900C' }],
    steps: [
      {
        id: 'archive',
        title: 'Archive a note',
        verdict,
        startedAt: '2026-11-20T10:00:00.000Z',
        durationMs: 1000,
        checks: [
          {
            id: 'archive.title',
            title: 'title matches the source',
            kind: 'check',
            level: 'shall',
            verdict,
            ...(verdict === 'fail' && { message: "expected 'A', received 'B'" }),
            evidence: [
              {
                label: 'document',
                value: '1.2.246.10.3210987.1.1',
                href: 'http://x/viewer/documents/1.2.246.10.3210987.1.1',
              },
            ],
            document: '1.2.246.10.3210987.1.1',
            expected: 'A',
            actual: [verdict === 'pass' ? 'A' : 'B'],
            selector: { xpath: 'string(/cda:ClinicalDocument/cda:title)' },
          },
          {
            id: 'archive.other',
            title: 'skipped',
            kind: 'check',
            level: 'should',
            verdict: 'skip',
            evidence: [],
          },
        ],
      },
    ],
  });
  return {
    tool: 'kantasim',
    formatVersion: 1,
    simulator: 'http://127.0.0.1:1',
    level: 'should',
    manual: false,
    startedAt: '2026-11-20T10:00:00.000Z',
    finishedAt: '2026-11-20T10:00:03.000Z',
    durationMs: 3000,
    passed: false,
    totals: { pass: 1, fail: 1, error: 0, skip: 2 },
    scenarios: [scenario('one', KUUSIJARVI, 'pass'), scenario('two', LUMME, 'fail')],
  };
}
