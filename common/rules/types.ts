/**
 * The shape of one entry in the catalogue of finding codes (`common/rules/catalogue.ts`).
 *
 * Every finding kantasim raises (a FHIR OperationOutcome issue, an archive acknowledgement detail, a
 * registry API error) carries a stable code; the catalogue says, per code, which channel raises it, how
 * severe it is, which element it points at, what the message says (as an ICU-style template with named
 * `{placeholders}`), which public source the rule comes from, and whether the behaviour is published by
 * Kanta/HL7 or a choice kantasim makes where nothing is published. The types live in `common/` because
 * both the simulator and the runner (whose HTML report explains the codes it shows) read the catalogue at
 * run time, and the runner may import only types from the simulator.
 */

/** The same severities as a finding (`simulator/domain/findings.ts`), repeated so `common/` stays a leaf. */
export type RuleSeverity = 'fatal' | 'error' | 'warning' | 'information';

/** Where a code is raised: the FHIR API, the CDA archive, or the plain JSON APIs (registry, events, runs). */
export type RuleChannel = 'fhir' | 'archive' | 'registry';

export const RULE_CHANNELS: readonly RuleChannel[] = ['fhir', 'archive', 'registry'];

/**
 * `published`: the rule restates behaviour a public specification or Kanta page defines.
 * `assumption`: kantasim's own choice where nothing is published (nullification mechanics, rehearsal,
 * registry and deployment checks Kanta does not publish as errors, limits that keep the simulator safe).
 */
export type RuleBasis = 'published' | 'assumption';

export interface RuleSource {
  /** Specification or page title, with its version or section where that matters. */
  title: string;
  /** A public address; for kantasim's own documentation, the path in the repository (`docs/fhir.md`). */
  url: string;
}

/**
 * One template per language, each with the same `{placeholders}`: Finnish first (Kanta answers in
 * Finnish), Swedish, English. Element names, codes, OIDs and FHIR/CDA terms stay untranslated in all
 * three. `localise()` (`common/rules/messages.ts`) renders them with a finding's arguments.
 */
export interface RuleMessages {
  fi: string;
  sv: string;
  en: string;
}

export interface RuleEntry {
  /** The code, or for a generated family its pattern with the variable part in angle brackets (`R4-INV-<key>`). */
  code: string;
  channel: RuleChannel;
  /** Severity in strict mode. Rehearsal mode reports blocking findings as warnings (see docs/rules.md). */
  severity: RuleSeverity;
  /** The element the finding points at, as a template (FHIRPath, XPath-like, header or body path). */
  element: string;
  messages: RuleMessages;
  /**
   * Other wordings the code is raised with (a more specific case of the same rule), each again in all
   * three languages with the same placeholders. A finding renders with the first template its args fill
   * or its English message follows; `messages` is the wording docs show first.
   */
  variants?: readonly RuleMessages[];
  sources: readonly RuleSource[];
  basis: RuleBasis;
  /** Source files that raise the code, for maintainers. */
  modules: readonly string[];
  /** For a family: the keys that replace `<key>`; each key makes one concrete code. */
  keys?: readonly string[];
  /** Why no test can raise this code (a fallback that input cannot reach); the catalogue test skips it. */
  untestable?: string;
}
