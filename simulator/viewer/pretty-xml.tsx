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

function openTag(el: XElement, selfClose: boolean): Token[] {
  const tokens: Token[] = [{ cls: 'x-tag', text: `<${el.qname}` }];
  for (const a of el.attrs) {
    tokens.push({ cls: 'x-attr', text: ` ${a.name}=` });
    tokens.push({ cls: 'x-val', text: `"${xmlEscape(a.value)}"` });
  }
  tokens.push({ cls: 'x-tag', text: selfClose ? '/>' : '>' });
  return tokens;
}

function inline(node: XNode): Token[] {
  switch (node.type) {
    case 'text':
      return [{ cls: 'x-text', text: xmlEscape(node.value) }];
    case 'cdata':
      return [{ cls: 'x-cdata', text: `<![CDATA[${node.value}]]>` }];
    case 'comment':
      return [{ cls: 'x-comment', text: `<!--${node.value}-->` }];
    case 'element':
      if (node.children.length === 0) return openTag(node, true);
      return [
        ...openTag(node, false),
        ...node.children.flatMap(inline),
        { cls: 'x-tag', text: `</${node.qname}>` },
      ];
  }
}

/** Lines of tokens for one node at an indentation depth. */
function lines(node: XNode, depth: number, out: Token[][]): void {
  const pad: Token = { cls: '', text: '  '.repeat(depth) };
  if (node.type !== 'element') {
    if (isBlank(node)) return;
    const text = node.type === 'text' ? { ...node, value: node.value.trim() } : node;
    out.push([pad, ...inline(text)]);
    return;
  }
  const children = node.children.filter((c) => !isBlank(c));
  if (children.length === 0) {
    out.push([pad, ...openTag(node, true)]);
    return;
  }
  if (hasMixedContent(node)) {
    out.push([pad, ...inline(node)]);
    return;
  }
  out.push([pad, ...openTag(node, false)]);
  for (const c of children) lines(c, depth + 1, out);
  out.push([pad, { cls: 'x-tag', text: `</${node.qname}>` }]);
}

export function prettyLines(root: XElement, prolog?: string): Token[][] {
  const out: Token[][] = [];
  if (prolog !== undefined) out.push([{ cls: 'x-comment', text: prolog }]);
  lines(root, 0, out);
  return out;
}

/** Renders the XML as a numbered, escaped code block. */
export function PrettyXml({ root, prolog }: { root: XElement; prolog?: string | undefined }): VNode {
  const all = prettyLines(root, prolog);
  return (
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
  );
}
