/**
 * Renders narrative text safely: the CDA R2 NarrativeBlock (section/text) and FHIR narrative
 * (`text.div`, XHTML) through element allow-lists into server-rendered HTML. Never raw HTML: every
 * element becomes a preact element chosen here, every string is escaped by the renderer, attributes are
 * never copied (only numeric colspan/rowspan/span and a link target that passed `safeHttpUrl`).
 * Anything outside the allow-list (a `<script>`, an `<iframe>`, a foreign namespace) is shown as its
 * XML text in a marked box, so the archivist sees what was sent without the browser acting on it.
 *
 * CDA NarrativeBlock: HL7 CDA R2, POCD_MT000040 section.text, NarrativeBlock.xsd
 * (https://hl7.org/cda/stds/core/2.0.0/ ; content, linkHtml, sub, sup, br, footnote, footnoteRef,
 * renderMultiMedia, paragraph, list/item, table parts, caption).
 * FHIR narrative: https://hl7.org/fhir/R4/narrative.html#xhtml (a limited XHTML subset).
 */
import type { ComponentChildren, VNode } from 'preact';
import { HL7_V3_NS } from '../archive/xml.ts';
import {
  attrOf,
  childNamed,
  childrenNamed,
  serialise,
  textContent,
  type XElement,
  type XNode,
} from '../xml/ordered.ts';

export const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** A link target the viewer may render as a link: absolute http(s) only, else undefined. */
export function safeHttpUrl(href: string | undefined): string | undefined {
  if (href === undefined) return undefined;
  const trimmed = href.trim();
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** colspan / rowspan / span: a small positive integer, else undefined. */
function span(value: string | undefined): number | undefined {
  if (value === undefined || !/^[0-9]{1,3}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= 100 ? n : undefined;
}

const STYLE_CLASSES: Readonly<Record<string, string>> = {
  Bold: 'nb-b',
  Italics: 'nb-i',
  Underline: 'nb-u',
  Emphasis: 'nb-em',
};

function styleClass(el: XElement): string | undefined {
  const codes = (attrOf(el, 'styleCode') ?? '').split(/\s+/).map((c) => STYLE_CLASSES[c]);
  const classes = codes.filter((c): c is string => c !== undefined);
  return classes.length > 0 ? classes.join(' ') : undefined;
}

/** An element outside the allow-list, shown as its XML text. */
function Foreign({ node }: { node: XElement }): VNode {
  return (
    <code class="nb-foreign" title="Not allowed in a narrative: shown as text, not run">
      {serialise(node)}
    </code>
  );
}

/** A link that is not http(s): its text, then the target as inert text. */
function InertLink({ href, children }: { href: string | undefined; children: ComponentChildren }): VNode {
  return (
    <span class="nb-inert-link" title="Link not followed: only http and https links are shown as links">
      {children}
      {href !== undefined && href.trim() !== '' && <span class="nb-inert-target"> ⟨{href}⟩</span>}
    </span>
  );
}

function SafeLink({ href, children }: { href: string | undefined; children: ComponentChildren }): VNode {
  const safe = safeHttpUrl(href);
  if (safe === undefined) return <InertLink href={href}>{children}</InertLink>;
  return (
    <a href={safe} rel="noopener noreferrer nofollow" referrerpolicy="no-referrer" class="nb-link">
      {children}
    </a>
  );
}

/**
 * Mixed content of either narrative kind: text as text, comments dropped, elements of the narrative's
 * own namespace through its allow-list renderer, anything else shown as inert text (`Foreign`).
 */
function mixedChildren(
  nodes: XNode[],
  ns: string,
  Element: (props: { el: XElement }) => VNode,
): ComponentChildren[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
      case 'cdata':
        return node.value;
      case 'comment':
        return null;
      case 'element':
        return node.ns === ns ? <Element key={i} el={node} /> : <Foreign key={i} node={node} />;
    }
  });
}

// ---------------------------------------------------------------- CDA NarrativeBlock

function cdaChildren(nodes: XNode[]): ComponentChildren[] {
  return mixedChildren(nodes, HL7_V3_NS, CdaElement);
}

/** The children of `el` without its `caption` (rendered separately). */
function withoutCaption(el: XElement): XNode[] {
  return el.children.filter((c) => !(c.type === 'element' && c.name === 'caption' && c.ns === HL7_V3_NS));
}

function Caption({ el }: { el: XElement }): VNode | null {
  const caption = childNamed(el, 'caption', HL7_V3_NS);
  return caption ? <div class="nb-caption">{cdaChildren(caption.children)}</div> : null;
}

function CdaElement({ el }: { el: XElement }): VNode {
  switch (el.name) {
    case 'text':
      return <div class="narrative">{cdaChildren(el.children)}</div>;
    case 'paragraph':
      return (
        <>
          <Caption el={el} />
          <p>{cdaChildren(withoutCaption(el))}</p>
        </>
      );
    case 'list': {
      const items = childrenNamed(el, 'item', HL7_V3_NS).map((item, i) => (
        <li key={i}>
          <Caption el={item} />
          {cdaChildren(withoutCaption(item))}
        </li>
      ));
      const stray = el.children.filter(
        (c) => c.type === 'element' && c.ns === HL7_V3_NS && c.name !== 'item' && c.name !== 'caption',
      );
      return (
        <>
          <Caption el={el} />
          {attrOf(el, 'listType') === 'ordered' ? <ol>{items}</ol> : <ul>{items}</ul>}
          {stray.map((s, i) => (s.type === 'element' ? <Foreign key={i} node={s} /> : null))}
        </>
      );
    }
    case 'table':
      return (
        <div class="nb-table-wrap">
          <table class="nb-table">{cdaChildren(el.children)}</table>
        </div>
      );
    case 'caption':
      return <caption>{cdaChildren(el.children)}</caption>;
    case 'thead':
      return <thead>{cdaChildren(el.children)}</thead>;
    case 'tbody':
      return <tbody>{cdaChildren(el.children)}</tbody>;
    case 'tfoot':
      return <tfoot>{cdaChildren(el.children)}</tfoot>;
    case 'tr':
      return <tr>{cdaChildren(el.children)}</tr>;
    case 'th':
      return (
        <th colSpan={span(attrOf(el, 'colspan'))} rowSpan={span(attrOf(el, 'rowspan'))}>
          {cdaChildren(el.children)}
        </th>
      );
    case 'td':
      return (
        <td colSpan={span(attrOf(el, 'colspan'))} rowSpan={span(attrOf(el, 'rowspan'))}>
          {cdaChildren(el.children)}
        </td>
      );
    case 'colgroup':
      return <colgroup span={span(attrOf(el, 'span'))}>{cdaChildren(el.children)}</colgroup>;
    case 'col':
      return <col span={span(attrOf(el, 'span'))} />;
    case 'content':
      return <span class={styleClass(el)}>{cdaChildren(el.children)}</span>;
    case 'br':
      return <br />;
    case 'sub':
      return <sub>{cdaChildren(el.children)}</sub>;
    case 'sup':
      return <sup>{cdaChildren(el.children)}</sup>;
    case 'linkHtml':
      return <SafeLink href={attrOf(el, 'href')}>{cdaChildren(el.children)}</SafeLink>;
    case 'footnote':
      return <span class="nb-footnote">{cdaChildren(el.children)}</span>;
    case 'footnoteRef':
      return <sup class="nb-footnote-ref">[{attrOf(el, 'IDREF') ?? 'note'}]</sup>;
    case 'renderMultiMedia':
      return <span class="nb-media">[multimedia {attrOf(el, 'referencedObject') ?? ''}]</span>;
    default:
      return <Foreign node={el} />;
  }
}

/** Renders a CDA `section/text` element (the NarrativeBlock) through the allow-list. */
export function CdaNarrative({ text }: { text: XElement }): VNode {
  return <CdaElement el={text} />;
}

// ---------------------------------------------------------------- CDA sections

export interface CdaSection {
  title?: string;
  code?: { code: string; codeSystem: string; displayName?: string };
  text?: XElement;
  sections: CdaSection[];
}

/** The sections of a ClinicalDocument's structuredBody, nested as written. */
export function cdaSections(doc: XElement): CdaSection[] {
  const body = childNamed(childNamed(doc, 'component', HL7_V3_NS), 'structuredBody', HL7_V3_NS);
  return sectionsOf(body, 0);
}

function sectionsOf(parent: XElement | undefined, depth: number): CdaSection[] {
  if (depth > 20) return [];
  return childrenNamed(parent, 'component', HL7_V3_NS).flatMap((component) => {
    const section = childNamed(component, 'section', HL7_V3_NS);
    if (!section) return [];
    const out: CdaSection = { sections: sectionsOf(section, depth + 1) };
    const title = childNamed(section, 'title', HL7_V3_NS);
    if (title) out.title = textContent(title).trim();
    const code = childNamed(section, 'code', HL7_V3_NS);
    const codeValue = code && attrOf(code, 'code');
    if (code && codeValue !== undefined) {
      out.code = { code: codeValue, codeSystem: attrOf(code, 'codeSystem') ?? '' };
      const display = attrOf(code, 'displayName');
      if (display !== undefined) out.code.displayName = display;
    }
    const text = childNamed(section, 'text', HL7_V3_NS);
    if (text) out.text = text;
    return [out];
  });
}

/** The non-XML body's media type, when the document has one instead of a structured body. */
export function nonXmlBodyType(doc: XElement): string | undefined {
  const body = childNamed(childNamed(doc, 'component', HL7_V3_NS), 'nonXMLBody', HL7_V3_NS);
  if (!body) return undefined;
  return attrOf(childNamed(body, 'text', HL7_V3_NS) ?? body, 'mediaType') ?? 'unknown media type';
}

// ---------------------------------------------------------------- narrative as lines (for diffs)

const BLOCKS = new Set(['paragraph', 'item', 'tr', 'caption', 'br']);

/** The narrative as lines of plain text: one per paragraph, list item and table row; headings marked. */
export function narrativeLines(sections: CdaSection[], depth = 0): string[] {
  const lines: string[] = [];
  for (const s of sections) {
    if (s.title !== undefined) lines.push(`${'#'.repeat(Math.min(depth + 1, 6))} ${s.title}`);
    if (s.text) lines.push(...blockLines(s.text));
    lines.push(...narrativeLines(s.sections, depth + 1));
  }
  return lines;
}

function blockLines(el: XElement): string[] {
  const lines: string[] = [];
  let current = '';
  const flush = (): void => {
    const line = current.replace(/\s+/g, ' ').trim();
    if (line !== '') lines.push(line);
    current = '';
  };
  const walk = (node: XNode): void => {
    if (node.type === 'text' || node.type === 'cdata') current += node.value;
    else if (node.type === 'element') {
      const block = BLOCKS.has(node.name);
      if (block) flush();
      if (node.name === 'td' || node.name === 'th') current += current.trim() === '' ? '' : ' | ';
      for (const c of node.children) walk(c);
      if (block) flush();
    }
  };
  for (const c of el.children) walk(c);
  flush();
  return lines;
}

// ---------------------------------------------------------------- FHIR narrative (XHTML)

const XHTML_SAME = new Set([
  'p',
  'div',
  'span',
  'b',
  'i',
  'em',
  'strong',
  'u',
  'small',
  'sub',
  'sup',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'pre',
  'code',
  'blockquote',
  'br',
  'hr',
]);

function xhtmlChildren(nodes: XNode[]): ComponentChildren[] {
  return mixedChildren(nodes, XHTML_NS, XhtmlElement);
}

function XhtmlElement({ el }: { el: XElement }): VNode {
  const children = xhtmlChildren(el.children);
  if (XHTML_SAME.has(el.name)) {
    // A fixed tag from the set above, no attributes copied.
    const Tag = el.name as 'p';
    return el.name === 'br' || el.name === 'hr' ? <Tag /> : <Tag>{children}</Tag>;
  }
  switch (el.name) {
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return <p class="nb-heading">{children}</p>;
    case 'table':
      return (
        <div class="nb-table-wrap">
          <table class="nb-table">{children}</table>
        </div>
      );
    case 'th':
      return (
        <th colSpan={span(attrOf(el, 'colspan'))} rowSpan={span(attrOf(el, 'rowspan'))}>
          {children}
        </th>
      );
    case 'td':
      return (
        <td colSpan={span(attrOf(el, 'colspan'))} rowSpan={span(attrOf(el, 'rowspan'))}>
          {children}
        </td>
      );
    case 'a':
      return <SafeLink href={attrOf(el, 'href')}>{children}</SafeLink>;
    case 'img':
      return <span class="nb-media">[image {attrOf(el, 'alt') ?? ''}]</span>;
    default:
      return <Foreign node={el} />;
  }
}

/** Renders an XHTML element (FHIR `text.div`) through the allow-list. */
export function XhtmlNarrative({ div }: { div: XElement }): VNode {
  return <div class="narrative">{xhtmlChildren(div.children)}</div>;
}
