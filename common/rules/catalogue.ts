/**
 * The catalogue of every finding code kantasim raises: one entry a code (or a generated family of
 * codes), joined from the per-channel data files, with the look-ups the CLI (`kantasim rules`), the
 * simulator's `/rules` page, the viewer and the runner's HTML report share.
 *
 * It lives in `common/` (pure data, no imports beyond its own folder) because the runner reads it at run
 * time to explain the codes in its report, and the runner imports only types from `simulator/`.
 * A test (`test/catalogue/catalogue.test.ts`) keeps it complete: every code the source raises is here,
 * every entry is raised by some test, and no code is catalogued twice.
 */
import { ACCESS_RULES } from './access.ts';
import { ARCHIVE_RULES } from './archive.ts';
import { FHIR_RULES } from './fhir.ts';
import { REGISTRY_RULES } from './registry.ts';
import type { RuleChannel, RuleEntry } from './types.ts';

export type { RuleBasis, RuleChannel, RuleEntry, RuleMessages, RuleSeverity, RuleSource } from './types.ts';
export { RULE_CHANNELS } from './types.ts';

export const CATALOGUE: readonly RuleEntry[] = [
  ...FHIR_RULES,
  ...ARCHIVE_RULES,
  ...REGISTRY_RULES,
  ...ACCESS_RULES,
];

/** A family's code pattern (`R4-INV-<key>`) as its fixed prefix (`R4-INV-`), or undefined for a plain code. */
export function familyPrefix(entry: RuleEntry): string | undefined {
  const at = entry.code.indexOf('<');
  return at < 0 ? undefined : entry.code.slice(0, at);
}

/** Every concrete code an entry stands for: the code itself, or one per family key. */
export function codesOf(entry: RuleEntry): string[] {
  const prefix = familyPrefix(entry);
  if (prefix === undefined) return [entry.code];
  const suffix = entry.code.slice(entry.code.indexOf('>') + 1);
  return (entry.keys ?? []).map((key) => `${prefix}${key}${suffix}`);
}

const BY_CODE = new Map<string, RuleEntry>(CATALOGUE.flatMap((e) => codesOf(e).map((c) => [c, e] as const)));

/** The entry for a code as findings carry it (`CDA-HDR-004`, `R4-INV-app-2`), or undefined. */
export function ruleFor(code: string): RuleEntry | undefined {
  return BY_CODE.get(code);
}

/** Entries of one channel, or all, in catalogue order. */
export function rulesOf(channel?: RuleChannel): RuleEntry[] {
  return CATALOGUE.filter((e) => channel === undefined || e.channel === channel);
}

/**
 * The HTML anchor of an entry (`rule-CDA-HDR-004`, `rule-R4-INV-key` for a family), the same in
 * docs/rules.md, the simulator's `/rules` page and the report, so one link shape works everywhere.
 */
export function ruleAnchor(entry: RuleEntry): string {
  return `rule-${entry.code.replace(/[<>]/g, '')}`;
}

/** Where the simulator shows a code's entry (`/rules#rule-…`), relative to the simulator's base URL. */
export function rulePath(code: string): string | undefined {
  const entry = ruleFor(code);
  return entry === undefined ? undefined : `/rules#${ruleAnchor(entry)}`;
}

/** The code-shaped words of a text (`CDA-HDR-004`, `R4-INV-app-2`, …) that the catalogue knows, each once. */
export function catalogueCodesIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\b[A-Z][A-Z0-9]*(?:-[A-Za-z0-9]+)+\b/g))
    if (BY_CODE.has(m[0])) found.add(m[0]);
  return [...found];
}

/** An entry's sources as one citation line: `Title, URL; Title, URL`. */
export function citation(entry: RuleEntry): string {
  return entry.sources.map((s) => `${s.title}, ${s.url}`).join('; ');
}

/** An entry as the JSON of `kantasim rules --json` and `GET /rules`: the entry plus `source`, its citation. */
export type RuleJson = RuleEntry & { source: string };

export function ruleJson(entry: RuleEntry): RuleJson {
  return { ...entry, source: citation(entry) };
}
