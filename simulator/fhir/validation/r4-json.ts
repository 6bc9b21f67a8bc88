/**
 * The FHIR JSON rules that only the body text can show, checked once per request body before anything
 * else reads it (the FHIR router calls it right after `JSON.parse`):
 *
 * - R4-JSON-001 a key appears twice in one object: `JSON.parse` silently keeps the last one, so the
 *   resource the simulator would judge is not the one the client meant;
 * - R4-JSON-004 an empty string value (`"fullUrl": ""`): FHIR JSON has no empty values, leave the element
 *   out instead; an empty `fullUrl` in particular makes every reference to the entry unresolvable;
 * - R4-JSON-005 a string longer than 1 MB, the limit FHIR sets for `string` (and which the HL7 validator
 *   applies to every string value).
 * - R4-JSON-006 a key or string with an unpaired surrogate escape (`"a\ud800b"`): JSON.parse accepts it,
 *   but it is no Unicode character and has no UTF-8 form, so the stored resource could not be sent back
 *   as the UTF-8 JSON FHIR requires (it would come back as U+FFFD).
 *
 * The body already parsed, so the scanner can trust the syntax: it looks only at quotes, brackets and
 * commas, finds string ends with `indexOf` and builds a path only when it reports something. The other
 * R4 JSON rules (element id syntax, duplicate contained ids) need the element tree; they are in
 * r4-base.ts.
 *
 * See: https://hl7.org/fhir/R4/json.html, https://hl7.org/fhir/R4/datatypes.html#string
 */
import { error, type Finding } from '../../domain/findings.ts';

const JSON_SOURCE = 'FHIR R4 JSON representation, https://hl7.org/fhir/R4/json.html';
/** FHIR: "strings SHALL NOT exceed 1MB in size". Counted in UTF-8 bytes, as the HL7 validator does. */
export const MAX_STRING_BYTES = 1024 * 1024;
/** A lone surrogate: with the `u` flag a paired one is a single code point and does not match. */
const LONE_SURROGATE = /\p{Cs}/u;

function unpairedSurrogate(root: string, stack: Frame[]): Finding {
  const path = pathOf(root, stack);
  return error(
    'R4-JSON-006',
    path,
    `${path} holds an unpaired UTF-16 surrogate escape (\\uD800–\\uDFFF without its pair), which is not a Unicode character; send the character itself or its complete surrogate pair`,
    'IETF RFC 8259 (JSON), section 8.2 Unicode Characters, https://www.rfc-editor.org/rfc/rfc8259#section-8.2',
  );
}

/** Reported per body at most; one problem repeated a thousand times needs one fix. */
const MAX_FINDINGS = 20;

interface Frame {
  /** Keys seen so far (objects only). */
  keys: Set<string> | undefined;
  /** The key (object) or index (array) of the value being read. */
  at: string | number;
  expectKey: boolean;
}

function pathOf(root: string, stack: Frame[]): string {
  let path = root;
  for (const f of stack) path += typeof f.at === 'number' ? `[${f.at}]` : f.at === '' ? '' : `.${f.at}`;
  return path;
}

/** End index of the string whose opening quote is at `start` (the index of its closing quote). */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    let backslashes = 0;
    for (let j = end - 1; text.charCodeAt(j) === 92; j--) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

/**
 * Scans a body that `JSON.parse` accepted. `root` names the top level in paths (the resource type).
 */
export function checkJsonText(text: string, root: string): Finding[] {
  const findings: Finding[] = [];
  const stack: Frame[] = [];
  const n = text.length;
  // Where the next `\u` escape is: only a string with one can hold a lone surrogate.
  let nextEscape = text.indexOf('\\u');
  for (let i = 0; i < n && findings.length < MAX_FINDINGS; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const end = stringEnd(text, i);
      if (nextEscape !== -1 && nextEscape < i) nextEscape = text.indexOf('\\u', i);
      const escaped = nextEscape !== -1 && nextEscape < end;
      const top = stack[stack.length - 1];
      if (top?.keys !== undefined && top.expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        top.expectKey = false;
        top.at = key;
        if (escaped && LONE_SURROGATE.test(key)) findings.push(unpairedSurrogate(root, stack));
        if (top.keys.has(key)) {
          const path = pathOf(root, stack);
          findings.push(
            error(
              'R4-JSON-001',
              path,
              `${path} appears twice in the same object; JSON parsers keep only one of them, so send each element once`,
              JSON_SOURCE,
            ),
          );
        } else top.keys.add(key);
      } else if (escaped && LONE_SURROGATE.test(JSON.parse(text.slice(i, end + 1)) as string)) {
        findings.push(unpairedSurrogate(root, stack));
      } else if (end === i + 1) {
        const path = pathOf(root, stack);
        findings.push(
          error(
            'R4-JSON-004',
            path,
            path.endsWith('.fullUrl')
              ? `${path} is an empty string; give the entry its full URL (urn:uuid:… for a new resource) or leave fullUrl out`
              : `${path} is an empty string; FHIR JSON has no empty values, leave the element out instead`,
            JSON_SOURCE,
          ),
        );
      } else if (
        end - i - 1 > MAX_STRING_BYTES / 4 &&
        Buffer.byteLength(text.slice(i + 1, end)) > MAX_STRING_BYTES
      ) {
        const path = pathOf(root, stack);
        findings.push(
          error(
            'R4-JSON-005',
            path,
            `${path} is longer than 1 MB, the most FHIR allows in one string; send large content as an Attachment by URL`,
            'FHIR R4 string data type, https://hl7.org/fhir/R4/datatypes.html#string',
          ),
        );
      }
      i = end;
    } else if (c === 123 /* { */) {
      stack.push({ keys: new Set(), at: '', expectKey: true });
    } else if (c === 91 /* [ */) {
      stack.push({ keys: undefined, at: 0, expectKey: false });
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
    } else if (c === 44 /* , */) {
      const top = stack[stack.length - 1];
      if (top !== undefined) {
        if (top.keys === undefined) top.at = (top.at as number) + 1;
        else top.expectKey = true;
      }
    }
  }
  return findings;
}
