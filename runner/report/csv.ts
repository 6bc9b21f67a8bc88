/**
 * One row a check, for spreadsheets (RFC 4180: comma-separated, CRLF, fields quoted when needed).
 * Masked and with placeholders named like every report (runner/present.ts).
 * A leading =, +, - or @ is prefixed with ' so a spreadsheet never runs a value as a formula.
 */
import { presentable } from '../present.ts';
import type { RunResult } from '../types.ts';

const COLUMNS = [
  'scenario',
  'step',
  'check',
  'title',
  'level',
  'requirement',
  'checklist',
  'verdict',
  'message',
  'evidence',
] as const;

function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvReport(result: RunResult): string {
  const run = presentable(result);
  const rows: string[][] = [[...COLUMNS]];
  for (const s of run.scenarios)
    for (const step of s.steps)
      for (const c of step.checks)
        rows.push([
          s.id,
          step.id,
          c.id,
          c.title,
          c.level,
          c.requirement ?? '',
          c.checklist ?? '',
          c.verdict,
          c.message ?? '',
          c.evidence.map((e) => `${e.label}: ${e.value}`).join('; '),
        ]);
  return `${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
