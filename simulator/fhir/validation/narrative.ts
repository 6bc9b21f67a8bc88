/**
 * R4 narrative invariants on `text.div` (of the resource and of its contained resources).
 *
 * txt-1: the XHTML may hold only basic formatting (HTML 4.0 chapters 7–11 and 12, `a` with name or href,
 * images, internal style), and never head, body, scripts, forms, base/link/xlink, frames, iframes or
 * objects. kantasim reads "scripts" as also covering event-handler attributes (`on…`) and `javascript:`
 * URLs, which a browser would run just the same. txt-2: the narrative has some non-whitespace content.
 * The div must be well-formed XHTML with the XHTML namespace on its root `div`.
 *
 * See: https://hl7.org/fhir/R4/narrative.html#Narrative (txt-1, txt-2) and https://hl7.org/fhir/R4/narrative.html#xhtml
 */
import { error, type Finding } from '../../domain/findings.ts';
import { parseOrdered, textContent, type XElement } from '../../xml/ordered.ts';

export const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** Elements txt-1 forbids (and their relatives that run code or load other documents). */
const FORBIDDEN_ELEMENTS = new Set([
  'head',
  'body',
  'html',
  'script',
  'noscript',
  'form',
  'input',
  'button',
  'select',
  'option',
  'textarea',
  'base',
  'link',
  'frame',
  'frameset',
  'iframe',
  'object',
  'embed',
  'applet',
  'param',
  'meta',
  'svg',
  'math',
]);

/** Attributes whose value is a URL a browser follows or loads. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'cite',
  'longdesc',
  'usemap',
  'background',
  'action',
  'formaction',
]);

const SOURCE = 'FHIR R4 invariant (narrative)';

function txt1(path: string, what: string): Finding {
  return error('R4-INV-txt-1', path, `txt-1: ${what}`, SOURCE);
}

/** Why a URL in narrative is not safe to follow, or undefined. Scheme checks ignore case and spaces. */
function unsafeUrl(value: string): string | undefined {
  // Browsers drop control characters and white space inside a scheme ("java\tscript:"), so compare without them.
  // eslint-disable-next-line no-control-regex
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value.replace(/[\u0000-\u0020]/g, ''))?.[1]?.toLowerCase();
  if (scheme === 'javascript' || scheme === 'vbscript') return `a ${scheme}: URL`;
  if (scheme === 'data') return 'a data: URL (give the image as an attachment or an https: URL)';
  return undefined;
}

function checkElement(el: XElement, path: string, out: Finding[]): void {
  const name = el.name.toLowerCase();
  if (el.ns !== XHTML_NS)
    out.push(txt1(path, `element '${el.qname}' is not XHTML; narrative holds XHTML elements only`));
  else if (FORBIDDEN_ELEMENTS.has(name))
    out.push(
      txt1(
        path,
        `element <${name}> is not allowed in narrative; remove it (no scripts, forms, frames, objects, head or body)`,
      ),
    );
  for (const attr of el.attrs) {
    const attrName = attr.name.toLowerCase();
    if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) continue;
    if (attrName.startsWith('on'))
      out.push(txt1(path, `attribute '${attr.name}' on <${name}> is an event handler (script); remove it`));
    else if (attrName.startsWith('xlink:'))
      out.push(txt1(path, `attribute '${attr.name}' on <${name}> is not allowed (no xlink); remove it`));
    else if (URL_ATTRIBUTES.has(attrName)) {
      const why = unsafeUrl(attr.value);
      if (why !== undefined)
        out.push(txt1(path, `attribute ${attr.name} on <${name}> is ${why}; use an http(s) link`));
    }
  }
  el.children.forEach((child) => {
    if (child.type === 'element') checkElement(child, `${path}/${child.name}`, out);
  });
}

function contains(el: XElement, name: string): boolean {
  return el.children.some((c) => c.type === 'element' && (c.name === name || contains(c, name)));
}

/** txt-1 and txt-2 findings for one `div` string at FHIRPath `path`. */
export function narrativeFindings(div: string, path: string): Finding[] {
  const parsed = parseOrdered(div);
  if (!parsed.ok) return [txt1(path, `the div is not well-formed XHTML (${parsed.problem}); fix the markup`)];
  const out: Finding[] = [];
  const root = parsed.root;
  if (root.name !== 'div' || root.ns !== XHTML_NS)
    out.push(txt1(path, `the narrative's root must be <div xmlns="${XHTML_NS}">, not <${root.qname}>`));
  checkElement(root, path, out);
  if (textContent(root).trim() === '' && !contains(root, 'img'))
    out.push(
      error(
        'R4-INV-txt-2',
        path,
        'txt-2: the narrative has no content; write the human-readable text or leave text out',
        SOURCE,
      ),
    );
  return out;
}

/** Narrative findings for the resource's own `text.div` and those of its contained resources. */
export function resourceNarrativeFindings(
  resource: Record<string, unknown> & { resourceType: string },
): Finding[] {
  const out: Finding[] = [];
  const check = (node: unknown, path: string): void => {
    if (node === null || typeof node !== 'object') return;
    const text = (node as Record<string, unknown>).text;
    if (text === null || typeof text !== 'object') return;
    const div = (text as Record<string, unknown>).div;
    if (typeof div === 'string') out.push(...narrativeFindings(div, `${path}.text.div`));
  };
  check(resource, resource.resourceType);
  if (Array.isArray(resource.contained))
    (resource.contained as unknown[]).forEach((c, i) => {
      check(c, `${resource.resourceType}.contained[${i}]`);
    });
  return out;
}
