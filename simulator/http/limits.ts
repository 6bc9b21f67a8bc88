/**
 * Input limits of every endpoint, in one place, so the documentation (README "Limits", docs/fhir.md,
 * docs/archive.md) and the code cannot drift apart.
 *
 * Each limit sits far above anything a real submission needs (a Kanta appointment transaction has two
 * resources of a few hundred elements; a CDA document of 50 KB has about two thousand elements) and
 * below the point where a part of the stack fails: SQLite refuses more than 500 terms in a compound
 * SELECT and deeper expression trees than 1000, spreading an array of more than about 100,000 items
 * overflows the JavaScript stack, and parsing millions of XML elements holds the event loop for seconds.
 * Exceeding one is the sender's problem and is answered with a 4xx that names the limit.
 */

/** Comma-separated alternatives in one search parameter (`identifier=a,b,c` has three). */
export const MAX_SEARCH_VALUES_PER_PARAMETER = 100;

/** Search parameters in one search, repetitions counted (`date=ge…&date=le…` is two). */
export const MAX_SEARCH_PARAMETERS = 50;

/** JSON values (objects, arrays, strings, numbers, booleans, nulls) in one FHIR request body. */
export const MAX_FHIR_ELEMENTS = 50_000;

/** XML elements in one XML text (the whole message, and again the CDA document inside it). */
export const MAX_XML_ELEMENTS = 200_000;

/** `id` elements (HL7 V3 instance identifiers) in one CDA document. */
export const MAX_CDA_IDS = 10_000;

/** XML bodies of this many bytes or more are parsed in a worker thread, off the event loop. */
export const OFFLOAD_XML_BYTES = 512 * 1024;

/** Counts the JSON values in `root` without recursion; stops counting once past `max`. */
export function countJsonValues(root: unknown, max: number): number {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0 && count <= max) {
    const node = stack.pop();
    count++;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) for (const child of node) stack.push(child);
    else for (const key in node) stack.push((node as Record<string, unknown>)[key]);
  }
  return count;
}

/**
 * Counts element start tags (`<name`) in XML text without parsing it, stopping once past `max`. A
 * cheap pre-scan (one `indexOf` pass) run before the parser, so a body of millions of elements is
 * refused in milliseconds instead of being built into a tree. Comments, CDATA and processing
 * instructions are skipped; a `<` inside an attribute value is not legal XML, so it cannot inflate the
 * count of a well-formed text.
 */
export function countXmlElements(text: string, max: number): number {
  let count = 0;
  let at = text.indexOf('<');
  while (at >= 0 && count <= max) {
    const next = text.charCodeAt(at + 1);
    if (next === 0x21 /* ! */) {
      const close = text.startsWith('<!--', at) ? '-->' : text.startsWith('<![CDATA[', at) ? ']]>' : '>';
      const end = text.indexOf(close, at + 2);
      if (end < 0) break;
      at = text.indexOf('<', end + close.length);
      continue;
    }
    if (next !== 0x2f /* / */ && next !== 0x3f /* ? */) count++;
    at = text.indexOf('<', at + 1);
  }
  return count;
}
