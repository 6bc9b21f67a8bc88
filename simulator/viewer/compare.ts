/**
 * The archivist's check of a deployment test (docs/kanta.md#deployment-test-and-the-archivists-check): the source system's values beside what was
 * archived, field by field. Input is a flat JSON object of field name → expected value, pasted or
 * uploaded; field names are those of `fields.ts`, or `xpath:<expression>`.
 *
 * Comparison rules (shown on the page):
 * - text: whitespace at the ends ignored and runs of spaces collapsed; otherwise exact (case matters).
 * - time: HL7 TS or ISO on either side; compared to the precision the source gives (a date matches any
 *   time that day); time-zone offsets and fractions of a second are ignored.
 * - list: comma-separated values, order and duplicates ignored.
 * - `null` as the expected value means "the archived document must not have this field".
 * - `section:<title>`: the text of the narrative section with that title, compared as text.
 *
 * What could not be checked (an unknown field, a value or an expression that cannot be evaluated) is
 * decided by one function, `isUnchecked`, used by both the banner's count and each row's marker, so the
 * two never disagree. Messages come in the reader's language (viewer.json `compare.*`); the default
 * translator is English, for callers outside a page.
 */
import { tsToIso } from '../archive/header.ts';
import type { ArchivedDocument } from '../domain/cda.ts';
import { translator, type Translate } from '../../common/i18n/index.ts';
import { FIELD_BY_NAME, narrativeSections, SECTION_FIELD, type FieldKind } from './fields.ts';
import { evaluateXPath, type XPathDocument } from './xpath-value.ts';

export type CompareOutcome = 'match' | 'mismatch' | 'missing' | 'unknown-field' | 'invalid';

export interface CompareRow {
  field: string;
  label: string;
  expected: string;
  actual?: string;
  outcome: CompareOutcome;
  note?: string;
}

export type Expected = string | number | boolean | null;

export type ParsedExpectations = { ok: true; fields: [string, unknown][] } | { ok: false; problem: string };

/** Most fields one check may list. */
export const MAX_FIELDS = 500;

/** English messages, for callers that give no translator (the page gives the reader's). */
const ENGLISH: Translate = translator('en', 'viewer');

/** Outcomes that mean "this field could not be checked": the one rule behind the banner and the rows. */
export function isUnchecked(outcome: CompareOutcome): boolean {
  return outcome === 'unknown-field' || outcome === 'invalid';
}

/** How many rows could not be checked (see `isUnchecked`). */
export function countUnchecked(rows: readonly CompareRow[]): number {
  return rows.filter((r) => isUnchecked(r.outcome)).length;
}

/**
 * The marker a row's outcome shows before its name, readable without colour: ✓ matches, ≠ differs or
 * is missing from the archive, ? could not be checked.
 */
export function outcomeMarker(outcome: CompareOutcome): '✓' | '≠' | '?' {
  return outcome === 'match' ? '✓' : isUnchecked(outcome) ? '?' : '≠';
}

/** Reads the pasted or uploaded text: a JSON object of field → expected value. */
export function parseExpectations(text: string, t: Translate = ENGLISH): ParsedExpectations {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { ok: false, problem: t('compare.problem.empty') };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (err) {
    return {
      ok: false,
      problem: t('compare.problem.json', { detail: err instanceof Error ? err.message : String(err) }),
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { ok: false, problem: t('compare.problem.notObject') };
  const fields = Object.entries(parsed);
  if (fields.length === 0) return { ok: false, problem: t('compare.problem.noFields') };
  if (fields.length > MAX_FIELDS)
    return { ok: false, problem: t('compare.problem.tooMany', { count: fields.length, max: MAX_FIELDS }) };
  return { ok: true, fields };
}

function normaliseText(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** HL7 TS or ISO → `YYYY-MM-DD[THH:MM[:SS]]`, or undefined. */
export function normaliseTime(value: string): string | undefined {
  const v = value.trim();
  if (/^\d{8}/.test(v)) return tsToIso(v);
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2}))?(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(
    v,
  );
  if (!m) return undefined;
  const [, date, hm, s] = m;
  if (hm === undefined) return date;
  return `${date ?? ''}T${hm}${s === undefined ? '' : `:${s}`}`;
}

function listOf(value: string): string[] {
  return [
    ...new Set(
      value
        .split(',')
        .map((v) => normaliseText(v))
        .filter((v) => v !== ''),
    ),
  ].sort();
}

/** True when `actual` satisfies `expected` under the field kind's rule. */
export function valuesMatch(kind: FieldKind, expected: string, actual: string): boolean {
  switch (kind) {
    case 'text':
      return normaliseText(expected) === normaliseText(actual);
    case 'list':
      return listOf(expected).join('\n') === listOf(actual).join('\n');
    case 'time': {
      const e = normaliseTime(expected);
      const a = normaliseTime(actual);
      if (e === undefined || a === undefined) return normaliseText(expected) === normaliseText(actual);
      // Compare to the precision the source gives: a date matches any time that day.
      return a.startsWith(e) && (a.length === e.length || e.length === 10 || a[e.length] === ':');
    }
  }
}

function shown(value: unknown, t: Translate): string {
  return value === null ? t('compare.absent') : typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Compares each expected field with the archived document. `xml` is evaluated lazily for `xpath:` fields.
 */
export function compareDocument(
  doc: ArchivedDocument,
  fields: [string, unknown][],
  xml: () => XPathDocument,
  t: Translate = ENGLISH,
): CompareRow[] {
  let parsedXml: XPathDocument | undefined;
  // One field of an oddly shaped stored record must not fail the whole check: that row says so.
  return fields.map(([field, raw]): CompareRow => {
    try {
      return compareField(field, raw);
    } catch {
      return {
        field,
        label: field,
        expected: shown(raw, t),
        outcome: 'invalid',
        note: t('compare.note.shape'),
      };
    }
  });

  function compareField(field: string, raw: unknown): CompareRow {
    const expected = shown(raw, t);
    if (raw !== null && typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean')
      return {
        field,
        label: field,
        expected,
        outcome: 'invalid',
        note: t('compare.note.notScalar'),
      };
    let label: string;
    let kind: FieldKind;
    let actual: string | undefined;
    let note: string | undefined;
    if (field.startsWith('xpath:')) {
      parsedXml ??= xml();
      if (!parsedXml.ok)
        return {
          field,
          label: 'XPath',
          expected,
          outcome: 'invalid',
          note: t('compare.note.xpath', { detail: parsedXml.problem }),
        };
      const result = evaluateXPath(parsedXml.doc, field.slice(6));
      if (!result.ok)
        return {
          field,
          label: 'XPath',
          expected,
          outcome: 'invalid',
          note: t('compare.note.xpath', { detail: result.problem }),
        };
      label = 'XPath';
      kind = 'text';
      actual = result.value;
      if (result.count !== undefined && result.count > 1)
        note = t('compare.note.manyNodes', { count: result.count });
    } else if (field.startsWith(SECTION_FIELD)) {
      parsedXml ??= xml();
      if (!parsedXml.ok)
        return {
          field,
          label: field,
          expected,
          outcome: 'invalid',
          note: t('compare.note.xpath', { detail: parsedXml.problem }),
        };
      const title = normaliseText(field.slice(SECTION_FIELD.length));
      label = t('compare.section', { title });
      kind = 'text';
      actual = narrativeSections(parsedXml.doc).find((s) => s.title === title)?.text;
    } else {
      const def = FIELD_BY_NAME.get(field);
      if (!def)
        return {
          field,
          label: field,
          expected,
          outcome: 'unknown-field',
          note: t('compare.note.unknownField'),
        };
      label = def.label;
      kind = def.kind;
      actual = def.get(doc);
    }
    const row: CompareRow = { field, label, expected, outcome: 'match' };
    if (actual !== undefined) row.actual = actual;
    if (note !== undefined) row.note = note;
    if (raw === null) {
      row.outcome = actual === undefined || actual === '' ? 'match' : 'mismatch';
      return row;
    }
    if (actual === undefined) {
      row.outcome = 'missing';
      return row;
    }
    row.outcome = valuesMatch(kind, String(raw), actual) ? 'match' : 'mismatch';
    return row;
  }
}

/** Counts per outcome, for the summary line. */
export function summarise(rows: readonly CompareRow[]): Record<CompareOutcome, number> {
  const counts: Record<CompareOutcome, number> = {
    match: 0,
    mismatch: 0,
    missing: 0,
    'unknown-field': 0,
    invalid: 0,
  };
  for (const row of rows) counts[row.outcome] += 1;
  return counts;
}
