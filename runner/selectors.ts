/**
 * Selecting values from a fetched document: a dotted path or FHIRPath over JSON, XPath over XML.
 *
 * FHIRPath uses fhirpath.js with the R4 model when the document is a FHIR resource (it has
 * `resourceType`), and without a model for other JSON (registry answers, events), where it is still a
 * good query language: `items.where(id = 'test-persons').passed`.
 * XPath knows the CDA namespaces of `common/xml-namespaces.ts` (the viewer uses the same table):
 * `cda:` / `hl7:` / `v3:` = urn:hl7-org:v3, `hl7fi:` = urn:hl7finland, `xsi:`.
 */
import { DOMParser } from '@xmldom/xmldom';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.js';
import xpath from 'xpath';
import { XPATH_NAMESPACES } from '../common/xml-namespaces.ts';
import { getPath } from './paths.ts';

/** A selector could not be applied (bad expression, wrong kind of document). */
export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

export interface Selector {
  path?: string;
  fhirpath?: string;
  xpath?: string;
}

/** Describes the selector for titles and messages. */
export function describeSelector(s: Selector): string {
  if (s.fhirpath !== undefined) return `FHIRPath ${s.fhirpath}`;
  if (s.xpath !== undefined) return `XPath ${s.xpath}`;
  if (s.path !== undefined) return s.path;
  return 'the document';
}

/** Lists are flattened one level, so "the values" of `resourceIds` are its entries. */
function asValues(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

const compiled = new Map<string, ReturnType<typeof fhirpath.compile>>();

function evaluateFhirPath(doc: unknown, expression: string): unknown[] {
  let data = doc;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data) as unknown;
    } catch {
      throw new SelectorError('FHIRPath needs a JSON document; the source gave text that is not JSON');
    }
  }
  const isResource = typeof data === 'object' && data !== null && 'resourceType' in data;
  const key = `${isResource ? 'r4' : 'plain'}|${expression}`;
  let fn = compiled.get(key);
  try {
    if (fn === undefined) {
      fn = isResource ? fhirpath.compile(expression, r4) : fhirpath.compile(expression);
      compiled.set(key, fn);
    }
    const result: unknown = fn(structuredClone(data), {});
    return Array.isArray(result) ? (result as unknown[]) : [result];
  } catch (e) {
    throw new SelectorError(`FHIRPath ${expression} could not be evaluated: ${(e as Error).message}`);
  }
}

interface XmlNodeLike {
  nodeType: number;
  nodeValue?: string | null;
  textContent?: string | null;
}

function evaluateXPath(doc: unknown, expression: string): unknown[] {
  if (typeof doc !== 'string')
    throw new SelectorError('XPath needs an XML document; the source gave JSON (use path or fhirpath)');
  const problems: string[] = [];
  const parsed = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') problems.push(message);
    },
  }).parseFromString(doc, 'text/xml');
  if (problems.length > 0) throw new SelectorError(`the XML document does not parse: ${problems[0] ?? ''}`);
  let result: unknown;
  try {
    result = xpath.useNamespaces({ ...XPATH_NAMESPACES })(
      expression,
      parsed as unknown as Parameters<typeof xpath.select>[1],
    );
  } catch (e) {
    throw new SelectorError(`XPath ${expression} could not be evaluated: ${(e as Error).message}`);
  }
  if (!Array.isArray(result)) return [result];
  // Nodes become their text: an attribute its value, an element its text content.
  return (result as XmlNodeLike[]).map((node) =>
    node.nodeType === 2 || node.nodeType === 3 ? (node.nodeValue ?? '') : (node.textContent ?? ''),
  );
}

/** The values the selector picks from `doc` (empty when nothing matches). */
export function select(doc: unknown, selector: Selector): unknown[] {
  if (selector.fhirpath !== undefined) return evaluateFhirPath(doc, selector.fhirpath);
  if (selector.xpath !== undefined) return evaluateXPath(doc, selector.xpath);
  if (selector.path !== undefined) {
    let data = doc;
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data) as unknown;
      } catch {
        throw new SelectorError(`path ${selector.path} needs a JSON document; the source gave text`);
      }
    }
    try {
      return asValues(getPath(data, selector.path));
    } catch (e) {
      throw new SelectorError((e as Error).message);
    }
  }
  return asValues(doc);
}
