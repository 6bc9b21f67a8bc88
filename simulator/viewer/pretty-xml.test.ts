import { describe, expect, it } from 'vitest';
import { parseOrdered } from '../xml/ordered.ts';
import { prettyLines } from './pretty-xml.tsx';

const rootOf = (xml: string) => {
  const parsed = parseOrdered(xml);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.root;
};
const textOf = (lines: { text: string }[][]): string =>
  lines.map((l) => l.map((t) => t.text).join('')).join('\n');

describe('prettyLines', () => {
  it('shows a document within the budget whole', () => {
    const { lines, cut } = prettyLines(rootOf('<a><b x="1&amp;2">t &lt;u&gt;</b><c/></a>'));
    expect(cut).toBe(false);
    expect(textOf(lines)).toBe('<a>\n  <b x="1&amp;2">t &lt;u&gt;</b>\n  <c/>\n</a>');
  });

  it('stops at the budget of tokens and of characters, and says so', () => {
    const root = rootOf(`<a><p>${'<i>x</i>'.repeat(1000)}</p><q>${'y'.repeat(5000)}</q></a>`);
    const byTokens = prettyLines(root, undefined, { chars: 1_000_000, tokens: 50 });
    expect(byTokens.cut).toBe(true);
    expect(byTokens.lines.flat().length).toBeLessThanOrEqual(50 + byTokens.lines.length);
    const byChars = prettyLines(root, undefined, { chars: 100, tokens: 1_000_000 });
    expect(byChars.cut).toBe(true);
    expect(textOf(byChars.lines).replace(/^ +/gm, '').length).toBeLessThanOrEqual(100 + byChars.lines.length);
  });
});
