/**
 * `xpath:` fields of the compare page: an XPath 1.0 expression evaluated over the stored CDA XML.
 * Prefixes: `hl7` (urn:hl7-org:v3, the CDA namespace; also `cda` and `v3`, as the runner's scenarios
 * write it), `hl7fi` (urn:hl7finland, the Finnish local header), `xsi` (the table in `common/xml-namespaces.ts`, shared with the runner). A node-set gives the string value of its first node (and says how many matched).
 */
import { DOMParser } from '@xmldom/xmldom';
import * as xpath from 'xpath';
import { XPATH_NAMESPACES } from '../../common/xml-namespaces.ts';

const select = xpath.useNamespaces({ ...XPATH_NAMESPACES });

export type XPathOutcome =
  { ok: true; value: string | undefined; count?: number } | { ok: false; problem: string };

/** A parsed document to evaluate several expressions against. */
export type XPathDocument = { ok: true; doc: Node } | { ok: false; problem: string };

export function parseForXPath(xml: string): XPathDocument {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml))
    return { ok: false, problem: 'the stored XML has a DOCTYPE; XPath fields are not evaluated' };
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(xml, 'text/xml');
    // xmldom implements the DOM the xpath package walks; their type declarations differ.
    return { ok: true, doc: doc as unknown as Node };
  } catch (err) {
    return {
      ok: false,
      problem: `the stored XML could not be read: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

function stringValue(node: Node): string {
  return node.nodeType === 2 ? (node as Attr).value : (node.textContent ?? '');
}

export function evaluateXPath(doc: Node, expression: string): XPathOutcome {
  if (expression.trim() === '') return { ok: false, problem: 'the XPath expression is empty' };
  if (expression.length > 500)
    return { ok: false, problem: 'the XPath expression is longer than 500 characters' };
  let result: xpath.SelectReturnType;
  try {
    result = select(expression, doc);
  } catch (err) {
    return { ok: false, problem: `XPath error: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (Array.isArray(result)) {
    const first = result[0];
    return { ok: true, value: first === undefined ? undefined : stringValue(first), count: result.length };
  }
  if (result === null) return { ok: true, value: undefined };
  if (typeof result === 'object') return { ok: true, value: stringValue(result) };
  return { ok: true, value: String(result) };
}
