/**
 * Catalogue entries for the codes of the FHIR channel. The FHIR R4 API: JSON and structure, REST interactions, search, R4 invariants, Finnish Scheduling content rules and the Kanta PTA appointment profiles.
 *
 * Data only: each entry is described in `types.ts`; `catalogue.ts` joins the channels and answers
 * look-ups. The message templates restate what the rule modules write, with named placeholders.
 */
import type { RuleEntry } from './types.ts';

export const FHIR_RULES: readonly RuleEntry[] = [
  {
    code: 'FHIR-BUNDLE-001',
    channel: 'fhir',
    severity: 'error',
    element: 'Bundle.entry',
    messages: { en: 'the Bundle is not a valid transaction or batch: {problem}' },
    sources: [
      {
        title: 'HL7 FHIR R4: RESTful API, transaction',
        url: 'https://hl7.org/fhir/R4/http.html#transaction',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/bundle.ts'],
  },
  {
    code: 'FHIR-BUNDLE-002',
    channel: 'fhir',
    severity: 'error',
    element: 'Bundle.entry[{i}].request',
    messages: { en: 'a Bundle entry cannot POST another Bundle to the base' },
    sources: [
      {
        title: 'HL7 FHIR R4: RESTful API, transaction',
        url: 'https://hl7.org/fhir/R4/http.html#transaction',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/handlers/bundle.ts'],
  },
  {
    code: 'FHIR-BUNDLE-003',
    channel: 'fhir',
    severity: 'error',
    element: 'Bundle.type',
    messages: { en: "POST a Bundle of type 'transaction' or 'batch' to the base, not '{type}'" },
    sources: [
      {
        title: 'HL7 FHIR R4: RESTful API, transaction',
        url: 'https://hl7.org/fhir/R4/http.html#transaction',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/bundle.ts'],
  },
  {
    code: 'FHIR-COND-001',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: { en: 'If-None-Exist matches {total} {type} resources; make the criteria select at most one' },
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/handlers/crud.ts'],
  },
  {
    code: 'FHIR-DELETE-001',
    channel: 'fhir',
    severity: 'information',
    element: '',
    messages: { en: '{type}/{id} deleted' },
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/handlers/crud.ts'],
  },
  {
    code: 'FHIR-HDR-001',
    channel: 'fhir',
    severity: 'error',
    element: 'X-Request-Id',
    messages: {
      en: 'the request has no X-Request-Id header; Kanta requires a unique X-Request-Id on every FHIR request',
    },
    sources: [
      {
        title: 'Kanta: Kanta FHIR HTTP header (common specifications)',
        url: 'https://www.kanta.fi/en/system-developers/common-specifications',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/router.ts'],
  },
  {
    code: 'FHIR-HDR-002',
    channel: 'fhir',
    severity: 'warning',
    element: 'X-Request-Id',
    messages: {
      en: 'the request has no X-Request-Id header; Kanta requires a unique X-Request-Id on every FHIR request (served here because the simulator runs with requireRequestId off)',
    },
    sources: [
      {
        title: 'Kanta: Kanta FHIR HTTP header (common specifications)',
        url: 'https://www.kanta.fi/en/system-developers/common-specifications',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/router.ts'],
  },
  {
    code: 'FHIR-HTTP-400',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: { en: 'the request itself is malformed: {problem} (a bad header, URL, id or body)' },
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/handlers/crud.ts', 'simulator/fhir/router.ts', 'simulator/fhir/write.ts'],
  },
  {
    code: 'FHIR-HTTP-404',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: { en: '{type}/{id} is not here: {problem}' },
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/outcomes.ts'],
  },
  {
    code: 'FHIR-HTTP-405',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: { en: '{method} is not allowed on {path}; see /fhir/metadata' },
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/outcomes.ts'],
  },
  {
    code: 'FHIR-HTTP-406',
    channel: 'fhir',
    severity: 'error',
    element: '_format',
    messages: {
      en: "only JSON is served; use _format=json or Accept: application/fhir+json, not '{format}'",
    },
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/outcomes.ts', 'simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-HTTP-410',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: { en: '{type}/{id} was deleted' },
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/outcomes.ts'],
  },
  {
    code: 'FHIR-HTTP-413',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: { en: 'the body is larger than the server accepts ({limit})' },
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/outcomes.ts'],
  },
  {
    code: 'FHIR-HTTP-415',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: { en: "send the body as application/fhir+json (or application/json), not '{contentType}'" },
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/outcomes.ts'],
  },
  {
    code: 'FHIR-HTTP-500',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: { en: 'the simulator failed unexpectedly; the request was not applied' },
    sources: [{ title: 'kantasim: fhir.md', url: 'docs/fhir.md' }],
    basis: 'assumption',
    modules: ['simulator/fhir/outcomes.ts'],
  },
  {
    code: 'FHIR-JSON-000',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: { en: 'the request needs a JSON body (a FHIR resource)' },
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/router.ts'],
  },
  {
    code: 'FHIR-JSON-001',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: { en: 'the body is not valid JSON: {err}; fix the syntax' },
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/router.ts'],
  },
  {
    code: 'FHIR-JSON-002',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: { en: 'the body must be a JSON object (a FHIR resource), not an array or a value' },
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-JSON-003',
    channel: 'fhir',
    severity: 'error',
    element: 'resourceType',
    messages: { en: "the resource must have a 'resourceType' string" },
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-JSON-004',
    channel: 'fhir',
    severity: 'error',
    element: 'resourceType',
    messages: { en: "'{rt}' is not a FHIR R4 resource type; check the spelling" },
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-JSON-005',
    channel: 'fhir',
    severity: 'error',
    element: 'resourceType',
    messages: {
      en: 'the URL names {expectedType} but the body is a {rt}; send it to /fhir/{rt} or change the body',
    },
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-JSON-006',
    channel: 'fhir',
    severity: 'error',
    element: 'resourceType',
    messages: { en: 'this endpoint does not serve {rt}; see /fhir/metadata' },
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-JSON-007',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: { en: 'the JSON is nested deeper than {maxDepth} levels; no FHIR resource needs that' },
    sources: [
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/router.ts'],
  },
  {
    code: 'FHIR-JSON-008',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: {
      en: "{nullAt} is null; FHIR JSON has no nulls (leave the element out), except in primitive arrays aligned with their '_' extension array",
    },
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-LIMIT-001',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      en: 'the body has more than {max} JSON values (elements, array items and primitives); no FHIR resource needs that many, so send less',
    },
    sources: [
      { title: 'kantasim: fhir.md, Limits', url: 'docs/fhir.md#limits' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/router.ts'],
  },
  {
    code: 'FHIR-LIMIT-002',
    channel: 'fhir',
    severity: 'error',
    element: '{parameter}',
    messages: {
      en: "parameter '{parameter}' has {count} comma-separated values; at most {max} are accepted in one parameter, so split the search",
    },
    sources: [
      { title: 'kantasim: fhir.md, Limits', url: 'docs/fhir.md#limits' },
      { title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-LIMIT-003',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      en: 'the search has {count} parameters; at most {max} are accepted (repetitions counted), so narrow it down',
    },
    sources: [
      { title: 'kantasim: fhir.md, Limits', url: 'docs/fhir.md#limits' },
      { title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-001',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: { en: "{type} has no search parameter '/{interaction}'; supported: _id, _lastUpdated, {name}" },
    sources: [{ title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' }],
    basis: 'published',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-002',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: { en: "modifier ':{modifier}' is not supported on {kind} parameter '/{interaction}'" },
    sources: [{ title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' }],
    basis: 'published',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-003',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: { en: "{name} must be a whole number, not '{value}'" },
    sources: [{ title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' }],
    basis: 'published',
    modules: [
      'simulator/fhir/handlers/kanta-query.ts',
      'simulator/fhir/handlers/query.ts',
      'simulator/fhir/search.ts',
    ],
  },
  {
    code: 'FHIR-SEARCH-004',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: {
      en: "{param}: give a code after '|' ('system|code'); searching a whole system is not supported",
    },
    sources: [
      { title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-005',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: { en: "_since '{value}' is not a FHIR instant (e.g. 2026-10-01T00:00:00Z)" },
    sources: [{ title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' }],
    basis: 'published',
    modules: ['simulator/fhir/handlers/query.ts', 'simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-006',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: { en: "parameter '{name}' has no value" },
    sources: [{ title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' }],
    basis: 'published',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-007',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: { en: "'{name}={v}': say which type, e.g. '{name}={Type}/{v}'" },
    sources: [{ title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' }],
    basis: 'published',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-008',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: { en: "date parameter '{name}' takes one value; repeat the parameter for a range" },
    sources: [
      { title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-009',
    channel: 'fhir',
    severity: 'error',
    element: '_sort',
    messages: { en: "_sort on '{param}' is not supported; sort on _lastUpdated, _id{dates}" },
    sources: [
      { title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-010',
    channel: 'fhir',
    severity: 'error',
    element: '_include',
    messages: { en: "_include '{raw}' must be '{type}:<reference parameter>'" },
    sources: [{ title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' }],
    basis: 'published',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-011',
    channel: 'fhir',
    severity: 'error',
    element: '_include',
    messages: { en: "_include '{raw}': '{name}' is not a reference parameter of {type}" },
    sources: [{ title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' }],
    basis: 'published',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-012',
    channel: 'fhir',
    severity: 'error',
    element: '_include',
    messages: { en: "_include '{raw}': {type}.{name} does not refer to {target}" },
    sources: [{ title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' }],
    basis: 'published',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-013',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: { en: "history takes _count, _offset and _since, not '{name}'" },
    sources: [
      { title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/handlers/query.ts', 'simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-STRUCT-001',
    channel: 'fhir',
    severity: 'error',
    element: '{element}.{name}',
    messages: {
      en: "'{name}' is not an element of {element} in FHIR R4; remove it or check its spelling (extensions go in 'extension')",
    },
    sources: [
      { title: 'HL7 FHIR R4: JSON Schema (fhir.schema.json)', url: 'https://hl7.org/fhir/R4/downloads.html' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-STRUCT-002',
    channel: 'fhir',
    severity: 'error',
    element: '{element}.{missingProperty}',
    messages: { en: "{element} must have '{missingProperty}' (required in FHIR R4)" },
    sources: [
      { title: 'HL7 FHIR R4: JSON Schema (fhir.schema.json)', url: 'https://hl7.org/fhir/R4/downloads.html' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-STRUCT-003',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: { en: '{element} must be a JSON {type} in FHIR R4' },
    sources: [
      { title: 'HL7 FHIR R4: JSON Schema (fhir.schema.json)', url: 'https://hl7.org/fhir/R4/downloads.html' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-STRUCT-004',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: { en: '{element} must be one of {values}' },
    sources: [
      { title: 'HL7 FHIR R4: JSON Schema (fhir.schema.json)', url: 'https://hl7.org/fhir/R4/downloads.html' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-STRUCT-005',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: {
      en: '{element} does not have the format of its FHIR data type (pattern {pattern}); correct the value',
    },
    sources: [
      { title: 'HL7 FHIR R4: JSON Schema (fhir.schema.json)', url: 'https://hl7.org/fhir/R4/downloads.html' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-STRUCT-006',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: { en: "{element} must be '{allowedValue}'" },
    sources: [
      { title: 'HL7 FHIR R4: JSON Schema (fhir.schema.json)', url: 'https://hl7.org/fhir/R4/downloads.html' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-STRUCT-007',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: { en: '{element} must not be an empty array; leave the element out instead' },
    sources: [
      { title: 'HL7 FHIR R4: JSON Schema (fhir.schema.json)', url: 'https://hl7.org/fhir/R4/downloads.html' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
    untestable: 'the R4 JSON Schema declares no minItems; the code is kept for a schema that does',
  },
  {
    code: 'FHIR-STRUCT-010',
    channel: 'fhir',
    severity: 'error',
    element: '{type}.contained[{contained}]',
    messages: {
      en: 'contained resource {contained} is not a valid R4 resource; validate it on its own with $validate to see why',
    },
    sources: [
      { title: 'HL7 FHIR R4: JSON Schema (fhir.schema.json)', url: 'https://hl7.org/fhir/R4/downloads.html' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-STRUCT-099',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: { en: '{element} {problem} (another JSON Schema rule of FHIR R4)' },
    sources: [
      { title: 'HL7 FHIR R4: JSON Schema (fhir.schema.json)', url: 'https://hl7.org/fhir/R4/downloads.html' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
    untestable:
      'a fallback for JSON Schema keywords the R4 schema does not use; every keyword it uses has its own code',
  },
  {
    code: 'FHIR-VALIDATE-001',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: { en: "give the resource as the body, or as the 'resource' parameter of a Parameters body" },
    sources: [
      {
        title: 'HL7 FHIR R4: Resource $validate',
        url: 'https://hl7.org/fhir/R4/resource-operation-validate.html',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/validate.ts'],
  },
  {
    code: 'FHIR-VERSION-001',
    channel: 'fhir',
    severity: 'error',
    element: 'If-Match',
    messages: {
      en: 'If-Match says version {expected} but {type}/{id} is at version {none}; read the current version, apply your change to it and send it with If-Match: W/"{current}"',
    },
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/handlers/crud.ts'],
  },
  {
    code: 'R4-INV-<key>',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: { en: '{key}: {requirement}; {change}' },
    sources: [
      { title: 'HL7 FHIR R4 Appointment, invariants', url: 'https://hl7.org/fhir/R4/appointment.html#invs' },
      {
        title: 'HL7 FHIR R4 Data Types, Period (per-1)',
        url: 'https://hl7.org/fhir/R4/datatypes.html#Period',
      },
      { title: 'HL7 FHIR R4 Organization (org-1)', url: 'https://hl7.org/fhir/R4/organization.html#invs' },
      { title: 'HL7 FHIR R4 Patient (pat-1)', url: 'https://hl7.org/fhir/R4/patient.html#invs' },
      {
        title: 'HL7 FHIR R4 DomainResource (dom-2, dom-4)',
        url: 'https://hl7.org/fhir/R4/domainresource.html#invs',
      },
      { title: 'HL7 FHIR R4 Extensibility (ext-1)', url: 'https://hl7.org/fhir/R4/extensibility.html' },
      { title: 'HL7 FHIR R4 Narrative (txt-1, txt-2)', url: 'https://hl7.org/fhir/R4/narrative.html#invs' },
      { title: 'HL7 FHIR R4 References (ref-1)', url: 'https://hl7.org/fhir/R4/references.html#contained' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/invariants.ts', 'simulator/fhir/validation/narrative.ts'],
    keys: [
      'app-1',
      'app-2',
      'app-3',
      'app-4',
      'dom-2',
      'dom-4',
      'ext-1',
      'org-1',
      'pat-1',
      'per-1',
      'ref-1',
      'txt-1',
      'txt-2',
    ],
  },
  {
    code: 'R5-INV-app-5',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment',
    messages: { en: 'the appointment ends before it starts; correct start or end' },
    sources: [
      {
        title: 'HL7 FHIR R5 Appointment, invariant app-5',
        url: 'https://hl7.org/fhir/R5/appointment.html#invs',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/invariants.ts'],
  },
  {
    code: 'R4-BIND-001',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: {
      en: "{path} '{value}' is not in the value set {valueSet}, which FHIR R4 requires for {type}.{element}",
    },
    sources: [
      {
        title: 'HL7 FHIR R4: Using codes, required bindings',
        url: 'https://hl7.org/fhir/R4/terminologies.html#required',
      },
      {
        title: 'HL7 FHIR R4: ElementDefinition (cardinality, types, bindings)',
        url: 'https://hl7.org/fhir/R4/elementdefinition.html',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-base.ts'],
  },
  {
    code: 'R4-CARD-001',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: { en: '{path} is missing; FHIR R4 {type}.{element} is required (min {min})' },
    sources: [
      {
        title: 'HL7 FHIR R4: ElementDefinition (cardinality, types, bindings)',
        url: 'https://hl7.org/fhir/R4/elementdefinition.html',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-base.ts'],
  },
  {
    code: 'R4-CARD-002',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: { en: '{path} has {count} repetitions; FHIR R4 {type}.{element} allows at most {max}' },
    sources: [
      {
        title: 'HL7 FHIR R4: ElementDefinition (cardinality, types, bindings)',
        url: 'https://hl7.org/fhir/R4/elementdefinition.html',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-base.ts'],
    untestable:
      'no element of the R4 types kantasim serves has a maximum other than 1 or * (a repeated max-1 element is a schema error, FHIR-STRUCT-*); the check stands for tables that add one',
  },
  {
    code: 'R4-CHOICE-001',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: {
      en: '{path}[x] is given twice ({first} and {second}); a choice element takes exactly one type',
    },
    sources: [
      {
        title: 'HL7 FHIR R4: Formats, choice of data types',
        url: 'https://hl7.org/fhir/R4/formats.html#choice',
      },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-base.ts'],
  },
  {
    code: 'R4-EXT-001',
    channel: 'fhir',
    severity: 'error',
    element: '{path}.url',
    messages: {
      en: "{path} has no 'url'; every extension must say which extension it is (its canonical url)",
    },
    sources: [{ title: 'HL7 FHIR R4: Extensibility', url: 'https://hl7.org/fhir/R4/extensibility.html' }],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-base.ts'],
  },
  {
    code: 'R4-JSON-001',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: {
      en: '{path} appears twice in the same object; JSON parsers keep only one of them, so send each element once',
    },
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-json.ts'],
  },
  {
    code: 'R4-JSON-002',
    channel: 'fhir',
    severity: 'error',
    element: '{path}.id',
    messages: { en: "{path}.id '{value}' is not a valid element id (1–64 letters, digits, '-' or '.')" },
    sources: [
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
      { title: 'HL7 FHIR R4: Data types, id', url: 'https://hl7.org/fhir/R4/datatypes.html#id' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-base.ts'],
  },
  {
    code: 'R4-JSON-003',
    channel: 'fhir',
    severity: 'error',
    element: '{path}.contained[{i}].id',
    messages: {
      en: "{path}.contained[{i}].id '{id}' is already the id of another contained resource; give each contained resource its own id",
    },
    sources: [
      {
        title: 'HL7 FHIR R4: References, contained resources',
        url: 'https://hl7.org/fhir/R4/references.html#contained',
      },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-base.ts'],
  },
  {
    code: 'R4-JSON-004',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: {
      en: '{path} is an empty string; FHIR JSON has no empty values, leave the element out instead',
    },
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-json.ts'],
  },
  {
    code: 'R4-JSON-005',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: {
      en: '{path} is longer than 1 MB, the most FHIR allows in one string; send large content as an Attachment by URL',
    },
    sources: [
      { title: 'HL7 FHIR R4: Data types, string', url: 'https://hl7.org/fhir/R4/datatypes.html#string' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-json.ts'],
  },
  {
    code: 'R4-PRIM-001',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: {
      en: "{path}: a primitive's extension object is malformed ({problem}); give '_element' as an object (or, for a repeating element, an array aligned with the values, null where one has none) holding only 'id' and 'extension'",
    },
    sources: [
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
      { title: 'HL7 FHIR R4: Extensibility', url: 'https://hl7.org/fhir/R4/extensibility.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-base.ts'],
  },
  {
    code: 'FI-SCHED-001',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.cancelationReason.coding[{i}].system',
    messages: {
      en: "cancelationReason codes come from THL - Palvelutapahtuman peruuntumisen tai siirtymisen syy; set system to 'urn:oid:1.2.246.537.6.126' (or its versioned OID), not '{system}'",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-010',
    channel: 'fhir',
    severity: 'warning',
    element: 'Appointment.serviceCategory[{i}].coding[{j}].system',
    messages: {
      en: "THL codings of serviceCategory use THL - Sosiaali- ja terveyspalvelujen luokitus 'urn:oid:1.2.246.537.6.50' (e.g. '.201801'); '{system}' is another code system",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-011',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.serviceCategory[{i}].coding[{j}].code',
    messages: { en: 'the THL serviceCategory coding needs a code' },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-020',
    channel: 'fhir',
    severity: 'warning',
    element: 'Appointment.serviceType[{i}].coding[{j}].system',
    messages: {
      en: "THL codings of serviceType use THL - Sosiaali- ja terveysalan palvelunimikkeistö 'urn:oid:1.2.246.537.6.49' (e.g. '.201501'); '{system}' is another code system",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-030',
    channel: 'fhir',
    severity: 'warning',
    element: 'Appointment.appointmentType.coding',
    messages: {
      en: "appointmentType should carry a THL - Asiointitapa coding (system 'urn:oid:1.2.246.537.6.884.2015', e.g. code 10 'Kertakäynti toimipaikassa')",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-031',
    channel: 'fhir',
    severity: 'warning',
    element: 'Appointment.appointmentType.coding[{i}].system',
    messages: {
      en: "write the OID as a URI: 'urn:oid:{system}' (the bare form comes from an error in the Finnish Scheduling profile)",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-040',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.reasonReference[{i}]',
    messages: {
      en: "reasonReference must point to a contained Condition ('#id'), not '{reference}'; put the Condition in 'contained'",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-050',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.status.extension(ajanvarauksen-tila).valueCoding.system',
    messages: {
      en: "the booking status is coded in Ajanvaraus - Ajanvarauksen tila: set valueCoding.system to 'urn:oid:1.2.246.537.6.881' (or '.201501')",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-051',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.status.extension(ajanvarauksen-tila).valueCoding.code',
    messages: { en: "'{code}' is not an Ajanvarauksen tila code; use one of {codes}" },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-052',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.extension[{onRoot}]',
    messages: {
      en: "the ajanvarauksen-tila extension belongs on the status element: move it to '_status.extension'",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-053',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.status',
    messages: {
      en: "status '{status}' disagrees with ajanvarauksen tila {code} ({codes}), which maps to '{mapped}'; change one of them",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-054',
    channel: 'fhir',
    severity: 'warning',
    element: 'Appointment.status.extension(ajanvarauksen-tila).valueCoding.code',
    messages: {
      en: "code 5 'Siirretty' is deprecated; record a move as a cancelled (4) appointment and a new booking",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-060',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.participant[{i}].actor.identifier.system',
    messages: { en: "write the identity-code system as a URI: 'urn:oid:1.2.246.21'" },
    sources: [
      {
        title: 'Finnish Base Profiles (hl7.fhir.fi.base 2.0.0-rc2), FiBasePatient',
        url: 'https://hl7.fi/fhir/finnish-base-profiles',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-070',
    channel: 'fhir',
    severity: 'error',
    element: 'HealthcareService.type[{i}].coding[{j}].system',
    messages: {
      en: "each HealthcareService.type coding needs a system: 'urn:oid:1.2.246.537.6.49.201501' for health services, 'urn:oid:1.2.246.537.6.1222' for social services",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingHealthcareService',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'KANTA-APPT-001',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.meta.profile',
    messages: {
      en: "a Kanta appointment declares its profile: add 'https://pta.kanta.fi/fhir/StructureDefinition/AppointmentAppointment' to meta.profile",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentAppointment',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-002',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.participant',
    messages: {
      en: "identify the patient in a participant by identity code: actor.identifier { system: 'urn:oid:1.2.246.21', value: '<identity code>' } (a reference alone is not enough for Kanta)",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentAppointment',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-003',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.participant[{patients}]',
    messages: {
      en: 'a Kanta appointment belongs to one patient; store a separate appointment for each patient',
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentAppointment',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-004',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.participant[{i}].actor.identifier.value',
    messages: { en: "the patient's identifier has a system but no value; add the identity code" },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentAppointment',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-010',
    channel: 'fhir',
    severity: 'warning',
    element: 'Appointment.identifier',
    messages: {
      en: "add the booking's own identifier (ajanvarauksen tunniste) so the appointment can be found and replaced by it [kantasim: mandatory in the earlier Finnish profile]",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentAppointment',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-011',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.status',
    messages: {
      en: "an erroneous appointment is nullified, not stored as entered-in-error: send a transaction with a new Provenance and 'DELETE Appointment/<id>'",
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), Tallennus ja korvaus; Mitätöinti',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-012',
    channel: 'fhir',
    severity: 'warning',
    element: 'Appointment.cancelationReason',
    messages: {
      en: 'a cancelled appointment should say why: add cancelationReason (THL - Palvelutapahtuman peruuntumisen tai siirtymisen syy, urn:oid:1.2.246.537.6.126)',
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentAppointment',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-013',
    channel: 'fhir',
    severity: 'warning',
    element: 'Bundle.entry[{entry}].resource.identifier[{i}]',
    messages: {
      en: "an appointment with identifier '{value}' is already stored (Appointment/{id}); to change it, replace it (PUT Appointment/{id} in the transaction) instead of storing a second one",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentAppointment',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/handlers/kanta-transaction.ts'],
  },
  {
    code: 'KANTA-APPT-014',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.participant[{i}].actor.identifier.value',
    messages: {
      en: 'the appointment belongs to patient {was}; it cannot be moved to {now}. Nullify it and store a new appointment for the other patient',
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentAppointment',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-020',
    channel: 'fhir',
    severity: 'error',
    element: 'If-Match',
    messages: {
      en: 'updating an appointment needs If-Match with the version you changed, e.g. If-Match: W/"1" (Kanta makes it mandatory); read the appointment to get its ETag',
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 CapabilityStatement',
        url: 'https://pta.kanta.fi/appointment/R4/capabilitystatement',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/routes.ts'],
  },
  {
    code: 'KANTA-ID-001',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: { en: "'{value}' is not a valid identity code: {problem}" },
    sources: [
      { title: 'DVV: Personal identity code', url: 'https://dvv.fi/en/personal-identity-code' },
      { title: 'Kanta: Test etiquette', url: 'https://www.kanta.fi/en/system-developers/test-etiquette' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/registry-rules.ts'],
  },
  {
    code: 'KANTA-ID-002',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: {
      en: "identity code '{value}' is a real person's code: {problem}. Use a Kela-issued test code (e.g. from GET /registry/test-persons); real identities are refused unless the server runs with --allow-real-identities",
    },
    sources: [
      { title: 'Kanta: Test etiquette', url: 'https://www.kanta.fi/en/system-developers/test-etiquette' },
      { title: 'Kanta: Test material', url: 'https://www.kanta.fi/en/system-developers/test-material' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/registry-rules.ts'],
  },
  {
    code: 'KANTA-ID-003',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: {
      en: "this text contains a real person's identity code ({masked}); ids, names, narrative and other free text must not carry one: remove it or use a Kela-issued test code",
    },
    sources: [
      { title: 'Kanta: Test etiquette', url: 'https://www.kanta.fi/en/system-developers/test-etiquette' },
      { title: 'Kanta: Test material', url: 'https://www.kanta.fi/en/system-developers/test-material' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/registry-rules.ts'],
  },
  {
    code: 'KANTA-ID-004',
    channel: 'fhir',
    severity: 'warning',
    element: '{path}.system',
    messages: {
      en: "identifier system '{system}' names the identity-code system but is written differently; write it exactly 'urn:oid:1.2.246.21'",
    },
    sources: [
      { title: 'Kanta: Test etiquette', url: 'https://www.kanta.fi/en/system-developers/test-etiquette' },
      {
        title: 'HL7 Finland: Finnish Base Profiles, Personal identity code',
        url: 'https://hl7.fi/fhir/finnish-base-profiles/',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/registry-rules.ts'],
  },
  {
    code: 'KANTA-PROV-001',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.meta.profile',
    messages: { en: "add '{wanted}' to meta.profile of the {nullification}Provenance" },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-002',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.target',
    messages: {
      en: 'the Provenance has exactly one target, the appointment of this transaction ({or}); found {t}',
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-003',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.recorded',
    messages: { en: 'add recorded: when the booking event was recorded (instant with time zone)' },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-004',
    channel: 'fhir',
    severity: 'warning',
    element: 'Provenance.recorded',
    messages: { en: "recorded '{recorded}' is in the future; check the clock of the sending system" },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-005',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].role',
    messages: {
      en: "every agent has a role coding from 'http://gen.kanta.fi/figen-cs-provenancerolecategory' (the agents are sliced by it); add one, e.g. code 10 for the service organiser",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-006',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].role',
    messages: {
      en: "role code '{code}' is outside the agent slices of the profile (slicing is closed; roles: {n})",
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 1.0.0-rc2), AppointmentProvenance, Provenance.agent (slicing closed by role.coding.code: 10 Palvelunjärjestäjä, 12 AppointmentBookerPatient)',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
      {
        title:
          'Kanta tahdonilmaisut (fi.kela.kanta.gen.r4.tahdonilmaisut 1.0.0-rc1), TahdonilmaisuProvenance invariants TIP-PROV-1..4: roles 2, 5, 7 (accepted as inferred slices)',
        url: 'https://simplifier.net/guide/Sosiaali-ja-terveydenhuollon-v-linen-luovutuslupa',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-007',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent',
    messages: {
      en: "the service organiser (palvelunjärjestäjä) is mandatory: add an agent with role 'http://gen.kanta.fi/figen-cs-provenancerolecategory#10' and who.identifier { system: 'urn:ietf:rfc:3986', value: 'urn:oid:<organisation OID>' }, who.display",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-008',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].who.identifier.system',
    messages: {
      en: "the service organiser's identifier system is 'urn:ietf:rfc:3986' (the value is a urn:oid: URI)",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-009',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].who.identifier.value',
    messages: {
      en: "the service organiser is identified by its SOTE-organisation register OID as 'urn:oid:1.2.246.10.<y-tunnus>.10.0'; '{value}' is not such a URI",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-010',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].who.display',
    messages: { en: "add who.display: the service organiser's name" },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-011',
    channel: 'fhir',
    severity: 'warning',
    element: 'Provenance.signature',
    messages: {
      en: 'Kanta expects the booking to be signed; add a signature (kantasim does not verify signatures)',
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-015',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.identifier[{i}].value',
    messages: {
      en: "the booking's identifier has no value: Appointment.identifier.value is 1..1 in AppointmentAppointment; add the booking system's own identifier",
    },
    sources: [
      {
        title:
          "Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 0.1.0), AppointmentAppointment, Appointment.identifier.value 1..1 (validator example on the guide's OperationOutcome page)",
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-016',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.meta.security[{j}]',
    messages: {
      en: 'a meta.security coding (bound to https://pta.kanta.fi/ValueSet/fipta-vs-visible) carries system, code and display; add {missing}',
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 0.1.0), AppointmentAppointment, Appointment.meta.security (binding required fipta-vs-visible; coding system, code, display required)',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-017',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.cancelationReason.coding[{j}]',
    messages: {
      en: 'a cancelationReason coding (bound to https://pta.kanta.fi/ValueSet/fipta-vs-cancelationreason) carries system, code and display; add {missing}',
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 0.1.0), AppointmentAppointment, Appointment.cancelationReason (coding 1..; binding required fipta-vs-cancelationreason; system, code, display required)',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-018',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.serviceCategory[{i}].coding[{j}]',
    messages: {
      en: 'a serviceCategory coding carries system, code and display; add {missing}',
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 0.1.0), AppointmentAppointment, Appointment.serviceCategory (coding system, code, display required)',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-019',
    channel: 'fhir',
    severity: 'warning',
    element: 'Appointment.serviceType[{i}].coding[{j}]',
    messages: {
      en: "a serviceType coding should carry system, code and display like the guide's other bound codings; add {missing}",
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 0.1.0), AppointmentAppointment, Appointment.serviceType (constraints not in the public rendering)',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-012',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].role[{k}].coding[{j}]',
    messages: {
      en: 'an agent role coding (bound to http://gen.kanta.fi/ValueSet/figen-vs-provenancerolecategory) carries system, code and display; add {missing}',
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 1.0.0-rc2), AppointmentProvenance, Provenance.agent.role.coding (system, code, display required)',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-013',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.language',
    messages: {
      en: "add language (1..1 in AppointmentProvenance), e.g. 'fi'",
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 1.0.0-rc2), AppointmentProvenance, Provenance.language 1..1',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-014',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.occurred[x]',
    messages: {
      en: 'AppointmentProvenance allows no occurred[x] (the time is Provenance.recorded); remove it',
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 1.0.0-rc2), AppointmentProvenance, Provenance.occurred[x] (no types allowed)',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-015',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.{element}',
    messages: {
      en: 'a nullification Provenance (MitatointiProvenanceV2) has no {element} (0..0 in the profile); remove it',
    },
    sources: [
      {
        title:
          'Kanta yhteiset FHIR-profiilit (fi.kela.kanta.gen.r4 1.0.0-rc5; kanta-yhteiset-fhir 1.0.0), MitatointiProvenanceV2, Provenance.reason, .policy, .location, .occurred[x], .text, .implicitRules 0..0',
        url: 'https://simplifier.net/kanta-yhteiset-fhir/mitatointiprovenancev2',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-016',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].who.reference',
    messages: {
      en: "'{ref}' names no contained resource; put the agent's Patient, Practitioner or Device in Provenance.contained with id '{id}'",
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 1.0.0-rc2), AppointmentProvenance, Provenance.agent.who.reference to contained AppointmentPatient, AppointmentPractitioner, KantaDevice',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-017',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.contained[{i}]',
    messages: {
      en: "a contained {type} is not one the guide names; an agent's person or system is a contained Patient, Practitioner, Device (AppointmentPatient, AppointmentPractitioner, KantaDevice)",
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 1.0.0-rc2), AppointmentProvenance, Provenance.contained (AppointmentPatient, AppointmentPractitioner, KantaDevice)',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-REG-001',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].who.identifier.value',
    messages: {
      en: "service organiser {oid} is not in the SOTE organisation register (code server); register it (POST /registry/organisations) or use the organisation's registered OID",
    },
    sources: [
      {
        title: 'Kanta: Potilastietovarannon käyttöönotto',
        url: 'https://www.kanta.fi/fi/ammattilaiset/potilastietovarannon-kayttoonotto',
      },
      { title: 'Kanta: Käytön laajennus', url: 'https://www.kanta.fi/ammattilaiset/kayton-laajennus' },
      {
        title: 'THL/Kela: Koodistopalvelu (national code server)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/registry-rules.ts'],
  },
  {
    code: 'KANTA-REG-002',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].who.identifier.value',
    messages: {
      en: 'service organiser {oid} ({name}) is no longer current in the code server; use the current OID or reactivate the entry',
    },
    sources: [
      {
        title: 'Kanta: Potilastietovarannon käyttöönotto',
        url: 'https://www.kanta.fi/fi/ammattilaiset/potilastietovarannon-kayttoonotto',
      },
      { title: 'Kanta: Käytön laajennus', url: 'https://www.kanta.fi/ammattilaiset/kayton-laajennus' },
      {
        title: 'THL/Kela: Koodistopalvelu (national code server)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/registry-rules.ts'],
  },
  {
    code: 'KANTA-REG-003',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].who.identifier.value',
    messages: {
      en: '{name} ({oid}) is not a Kanta customer; it must join Kanta (deployment data to Kela) before storing appointments',
    },
    sources: [
      {
        title: 'Kanta: Potilastietovarannon käyttöönotto',
        url: 'https://www.kanta.fi/fi/ammattilaiset/potilastietovarannon-kayttoonotto',
      },
      { title: 'Kanta: Käytön laajennus', url: 'https://www.kanta.fi/ammattilaiset/kayton-laajennus' },
      {
        title: 'THL/Kela: Koodistopalvelu (national code server)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/registry-rules.ts'],
  },
  {
    code: 'KANTA-REG-004',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].who.identifier.value',
    messages: {
      en: 'customer {orgOid} has not deployed the appointment service: notify Kela of an expansion of use (käytön laajennus) for Potilastiedon arkisto – Ajanvaraus (pta-appointment), then record it (PUT /registry/customers/{orgOid})',
    },
    sources: [
      {
        title: 'Kanta: Potilastietovarannon käyttöönotto',
        url: 'https://www.kanta.fi/fi/ammattilaiset/potilastietovarannon-kayttoonotto',
      },
      { title: 'Kanta: Käytön laajennus', url: 'https://www.kanta.fi/ammattilaiset/kayton-laajennus' },
      {
        title: 'THL/Kela: Koodistopalvelu (national code server)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/registry-rules.ts'],
  },
  {
    code: 'KANTA-SEARCH-001',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: {
      en: '{what} takes its parameters in the form-encoded body only (Kanta takes appointment search parameters in the POST body only); move {name} from the URL into the body',
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), Haku',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-query.ts'],
  },
  {
    code: 'KANTA-SEARCH-002',
    channel: 'fhir',
    severity: 'error',
    element: 'patient:identifier',
    messages: {
      en: "the patient is mandatory: add 'patient:identifier=urn:oid:1.2.246.21|<identity code>' to the body",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), Haku',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-query.ts'],
  },
  {
    code: 'KANTA-SEARCH-003',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: {
      en: "'{name}' is a Kanta parameter whose meaning is not public; kantasim does not simulate it (see docs/fhir.md)",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 CapabilityStatement',
        url: 'https://pta.kanta.fi/appointment/R4/capabilitystatement',
      },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/handlers/kanta-query.ts'],
  },
  {
    code: 'KANTA-SEARCH-004',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: { en: "'{name}' is not an appointment search parameter; use {parameters}" },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 CapabilityStatement',
        url: 'https://pta.kanta.fi/appointment/R4/capabilitystatement',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-query.ts'],
  },
  {
    code: 'KANTA-SEARCH-005',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: { en: "Appointment/_history takes identifier or patient (and _count, _offset), not '{name}'" },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), Haku',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-query.ts'],
  },
  {
    code: 'KANTA-SEARCH-006',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: { en: "give 'identifier' or 'patient' (identity code) in the body of Appointment/_history" },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), Haku',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-query.ts'],
  },
  {
    code: 'KANTA-SEARCH-007',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      en: 'search appointments with POST /fhir/Appointment/_search and a form-encoded body (Kanta takes appointment search parameters in the POST body only), e.g. patient:identifier=urn:oid:1.2.246.21|010181-900C',
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), Haku',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-query.ts'],
  },
  {
    code: 'KANTA-SEARCH-008',
    channel: 'fhir',
    severity: 'error',
    element: 'producing-service-provider-unit',
    messages: {
      en: "producing-service-provider-unit is given together with appointment-service-provider (the guide's CapabilityStatement); add 'appointment-service-provider=urn:oid:<provider OID>' to the body",
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 1.0.0-rc2), PTA-Appointment-R4-CapabilityStatement, search parameter producing-service-provider-unit',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-query.ts'],
  },
  {
    code: 'KANTA-TX-001',
    channel: 'fhir',
    severity: 'error',
    element: 'Bundle.entry',
    messages: { en: 'the transaction is not one Appointment + Provenance pair as Kanta requires: {problem}' },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), Tallennus ja korvaus; Mitätöinti',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-transaction.ts'],
  },
  {
    code: 'KANTA-TX-002',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      en: 'request.ifMatch says version {expected} but Appointment/{id} is at version {none}; read it again and resend',
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), Tallennus ja korvaus; Mitätöinti',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-transaction.ts'],
  },
  {
    code: 'KANTASIM-000',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: { en: 'the {name} rules could not finish on this input ({err}); fix the other findings first' },
    sources: [{ title: 'kantasim: fhir.md', url: 'docs/fhir.md' }],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/index.ts'],
  },
];
