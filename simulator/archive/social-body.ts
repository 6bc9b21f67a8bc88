/**
 * The body of a social-welfare document in Kanta's format: `component/nonXMLBody` with the display form
 * as base64 XHTML (`text@mediaType="application/xhtml+xml" @representation="B64"`) and the structured
 * content as base64 UTF-8 JSON in `hl7fi:json` (no `representation` attribute in real documents).
 *
 * Both parts are decoded and checked here once, at intake, so the rules and the viewer need not decode
 * again: each is size-limited before it is decoded, the XHTML goes through the same safe XML parser as
 * every other document (no DTD, no entities, bounded depth), and the JSON is parsed with `JSON.parse`,
 * never evaluated; only its root keys are kept (the Sosmeta schema name). Facts: the public vendor test
 * documents (Warc0ck/SH-Kanta-validator, Testiasiakirjat/); THL Sosmeta JSON schemas.
 */
import type { SocialBody, SocialBodyPart } from '../domain/cda.ts';
import { HL7_FI_NS, attr, decodeUtf8, dig, kid, parseXml, type XmlNode } from './xml.ts';

/** Largest decoded XHTML view kantasim reads (the view embeds its logo as a data: image). */
export const MAX_SOCIAL_XHTML_BYTES = 4 * 1024 * 1024;
/** Largest decoded JSON part kantasim reads. */
export const MAX_SOCIAL_JSON_BYTES = 2 * 1024 * 1024;
export const XHTML_NS = 'http://www.w3.org/1999/xhtml';

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** Decodes base64 text within `max` decoded bytes, or says why not. */
export function decodeBase64(text: string, max: number): { bytes: Uint8Array } | { problem: string } {
  if (!BASE64.test(text)) return { problem: 'the content is not base64' };
  const compact = text.replace(/\s+/g, '');
  // Decoded size is known before decoding: three bytes per four characters, less the padding.
  const size =
    Math.floor((compact.length * 3) / 4) - (compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0);
  if (size > max) return { problem: `the decoded content is ${size} bytes, more than the limit of ${max}` };
  return { bytes: new Uint8Array(Buffer.from(compact, 'base64')) };
}

function xhtmlPart(node: XmlNode): SocialBodyPart {
  const decoded = decodeBase64(node.text, MAX_SOCIAL_XHTML_BYTES);
  if ('problem' in decoded) return { bytes: 0, problem: decoded.problem };
  const part: SocialBodyPart = { bytes: decoded.bytes.byteLength };
  const text = decodeUtf8(decoded.bytes, 'xhtml');
  if (!text.ok) return { ...part, problem: 'the XHTML view is not UTF-8' };
  const parsed = parseXml(text.text, 'xhtml', MAX_SOCIAL_XHTML_BYTES);
  if (!parsed.ok)
    return {
      ...part,
      problem: `the XHTML view is not well-formed XML (${parsed.findings[0]?.message ?? ''})`,
    };
  if (parsed.root.ns !== XHTML_NS)
    return {
      ...part,
      root: [parsed.root.name],
      problem: `the XHTML view's root is not in namespace ${XHTML_NS}`,
    };
  return { ...part, root: [parsed.root.name] };
}

function jsonPart(node: XmlNode): SocialBodyPart {
  const decoded = decodeBase64(node.text, MAX_SOCIAL_JSON_BYTES);
  if ('problem' in decoded) return { bytes: 0, problem: decoded.problem };
  const part: SocialBodyPart = { bytes: decoded.bytes.byteLength };
  const text = decodeUtf8(decoded.bytes, 'json');
  if (!text.ok) return { ...part, problem: 'the JSON part is not UTF-8' };
  let value: unknown;
  try {
    value = JSON.parse(text.text);
  } catch (e) {
    return { ...part, problem: `the JSON part is not JSON (${(e as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ...part, problem: 'the JSON part is not an object (its root key names the Sosmeta schema)' };
  return { ...part, root: Object.keys(value).slice(0, 20) };
}

/** Reads `component/nonXMLBody`; undefined when the document has none. */
export function readSocialBody(doc: XmlNode): SocialBody | undefined {
  const body = dig(doc, 'component', 'nonXMLBody');
  if (!body) return undefined;
  const out: SocialBody = {};
  const id = attr(body, 'ID');
  if (id !== undefined) out.id = id;
  const text = kid(body, 'text');
  if (text) out.xhtml = xhtmlPart(text);
  const json = kid(body, 'json', HL7_FI_NS);
  if (json) out.json = jsonPart(json);
  return out;
}
