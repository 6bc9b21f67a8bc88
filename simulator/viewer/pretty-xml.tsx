/**
 * The raw XML, pretty-printed and escaped: indentation for element-only content, mixed content (the
 * narrative) kept on one line as written so the text reads as sent. Tags, attributes and values get
 * classes for quiet syntax colours. Everything is a text child, escaped by the renderer.
 */
import type { VNode } from 'preact';
import { xmlEscape, type XElement, type XNode } from '../xml/ordered.ts';

type Token = { cls: string; text: string };

function isBlank(node: XNode): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

function hasMixedContent(el: XElement): boolean {
  return el.children.some((c) => (c.type === 'text' && c.value.trim() !== '') || c.type === 'cdata');
}

/**
 * How much of a document the view shows: the raw XML section of a page is for reading, the download is
 * for the whole; a page of tens of megabytes of spans helps no reader and takes the browser minutes.
 */
export const MAX_XML_VIEW_CHARS = 1_000_000;
export const MAX_XML_VIEW_TOKENS = 100_000;

/** Collects lines of tokens until the budget runs out (then `cut()` says so and nothing more is added). */
class Lines {
  readonly out: Token[][] = [];
  private stopped = false;
  private chars: number;
  private tokens: number;

  constructor(budget: { chars: number; tokens: number }) {
    this.chars = budget.chars;
    this.tokens = budget.tokens;
  }

  /** The budget has run out: nothing more is added. */
  cut(): boolean {
    return this.stopped;
  }

  /** A token of the line being built, shortened or dropped when the budget runs out. */
  token(line: Token[], cls: string, text: string): void {
    if (this.stopped) return;
    if (this.tokens <= 0 || this.chars <= 0) {
      this.stopped = true;
      return;
    }
    this.tokens--;
    if (text.length > this.chars) {
      line.push({ cls, text: text.slice(0, this.chars) });
      this.chars = 0;
      this.stopped = true;
      return;
    }
    this.chars -= text.length;
    line.push({ cls, text });
  }

  line(depth: number): Token[] {
    const line: Token[] = [{ cls: '', text: '  '.repeat(depth) }];
    if (!this.stopped) this.out.push(line);
    return line;
  }
}

function openTag(into: Lines, line: Token[], el: XElement, selfClose: boolean): void {
  into.token(line, 'x-tag', `<${el.qname}`);
  for (const a of el.attrs) {
    into.token(line, 'x-attr', ` ${a.name}=`);
    into.token(line, 'x-val', `"${xmlEscape(a.value)}"`);
  }
  into.token(line, 'x-tag', selfClose ? '/>' : '>');
}

function inline(into: Lines, line: Token[], node: XNode): void {
  switch (node.type) {
    case 'text':
      into.token(line, 'x-text', xmlEscape(node.value));
      return;
    case 'cdata':
      into.token(line, 'x-cdata', `<![CDATA[${node.value}]]>`);
      return;
    case 'comment':
      into.token(line, 'x-comment', `<!--${node.value}-->`);
      return;
    case 'element':
      if (node.children.length === 0) {
        openTag(into, line, node, true);
        return;
      }
      openTag(into, line, node, false);
      for (const c of node.children) {
        if (into.cut()) return;
        inline(into, line, c);
      }
      into.token(line, 'x-tag', `</${node.qname}>`);
  }
}

/** Lines of tokens for one node at an indentation depth. */
function lines(into: Lines, node: XNode, depth: number): void {
  if (into.cut()) return;
  if (node.type !== 'element') {
    if (isBlank(node)) return;
    const text = node.type === 'text' ? { ...node, value: node.value.trim() } : node;
    inline(into, into.line(depth), text);
    return;
  }
  const children = node.children.filter((c) => !isBlank(c));
  if (children.length === 0) {
    openTag(into, into.line(depth), node, true);
    return;
  }
  if (hasMixedContent(node)) {
    inline(into, into.line(depth), node);
    return;
  }
  openTag(into, into.line(depth), node, false);
  for (const c of children) {
    if (into.cut()) return;
    lines(into, c, depth + 1);
  }
  into.token(into.line(depth), 'x-tag', `</${node.qname}>`);
}

/**
 * The pretty-printed lines, at most `budget` characters and tokens of them; `cut` says the view stops
 * before the end of the document.
 */
export function prettyLines(
  root: XElement,
  prolog?: string,
  budget = { chars: MAX_XML_VIEW_CHARS, tokens: MAX_XML_VIEW_TOKENS },
): { lines: Token[][]; cut: boolean } {
  const into = new Lines(budget);
  if (prolog !== undefined) into.token(into.line(0), 'x-comment', prolog);
  lines(into, root, 0);
  // A line left with its indentation only (the budget ran out at its first token) is not shown.
  const last = into.out.at(-1);
  if (last !== undefined && last.length === 1) into.out.pop();
  return { lines: into.out, cut: into.cut() };
}

/** Renders (the first part of) the XML as a numbered, escaped code block; `cut` as from prettyLines. */
export function PrettyXml({
  root,
  prolog,
  onCut,
}: {
  root: XElement;
  prolog?: string | undefined;
  /** Rendered after the block when the view stops before the end of the document. */
  onCut?: VNode;
}): VNode {
  const { lines: all, cut } = prettyLines(root, prolog);
  return (
    <>
      <pre class="xml" tabIndex={0} aria-label="Document XML">
        <code>
          {all.map((tokens, i) => (
            <span key={i} class="x-line">
              {tokens.map((t, j) =>
                t.cls === '' ? (
                  t.text
                ) : (
                  <span key={j} class={t.cls}>
                    {t.text}
                  </span>
                ),
              )}
              {'\n'}
            </span>
          ))}
        </code>
      </pre>
      {cut && onCut}
    </>
  );
}
