import { beforeAll, describe, expect, it } from 'vitest';
import { buildCda, kantaSocialMessage, ptaMessage } from '../../fixtures/cda/index.ts';
import {
  elementTreeParserLoaded,
  elementTreeReader,
  loadElementTreeParser,
  parseElementTree,
  type TreeElement,
} from './element-tree.ts';
import { MAX_XML_DEPTH, parseOrdered, xmlSafetyProblem, type XElement } from './ordered.ts';

// The one-pass parse is what these tests compare with the reference parser: load libxml2 first.
beforeAll(async () => {
  await loadElementTreeParser();
  expect(elementTreeParserLoaded()).toBe(true);
});

/** The reference reading: the ordered tree, reduced the way the archive reads it. */
function reference(text: string): TreeElement | undefined {
  const parsed = parseOrdered(text);
  return parsed.ok ? reduce(parsed.root) : undefined;
}

function reduce(el: XElement): TreeElement {
  const attrs: Record<string, string> = {};
  for (const a of el.attrs) if (a.name !== 'xmlns' && !a.name.startsWith('xmlns:')) attrs[a.name] = a.value;
  let text = '';
  const children: TreeElement[] = [];
  for (const c of el.children) {
    if (c.type === 'element') children.push(reduce(c));
    else if (c.type === 'text' || c.type === 'cdata') text += c.value;
  }
  return { name: el.name, ns: el.ns, attrs, children, text };
}

describe('the one-pass element tree (libxml2)', () => {
  it('reads the tree straight from libxml2 memory (its self-check passed on this libxml2-wasm)', () => {
    expect(elementTreeReader()).toBe('direct');
  });

  it('reads messages and documents exactly as the reference parser does', () => {
    const texts = [
      buildCda(),
      buildCda({ padToBytes: 20_000 }),
      ptaMessage().message,
      ptaMessage({}, { soap: '1.1' }).message,
      kantaSocialMessage('client').message,
      '<?xml version="1.0" encoding="UTF-8"?>\r\n<a xmlns="urn:hl7-org:v3" xmlns:x="urn:x" x:k="1&amp;2"><b>K&#228;ynti &lt;<![CDATA[x<y]]>\r\n</b><!-- c --><x:c xml:lang="fi"/>t</a>',
      '<a><?pi data?><b c="Ylöjärvi, pitkä arvo">pitkä teksti, yli kuusitoista tavua</b><?pi more?></a>',
    ];
    for (const text of texts) {
      const tree = parseElementTree(text);
      expect(tree).toBeDefined();
      expect(tree).toEqual(reference(text));
      expect(parseElementTree(text, new Uint8Array(Buffer.from(text)))).toEqual(tree);
    }
  });

  it('leaves to the reference parser what libxml2 refuses or would read differently', () => {
    for (const text of [
      '<a><b></a>',
      '<a/><b/>',
      '<a><b y:z="1"/></a>', // undeclared prefix: the reference parser reads it with no namespace
      '<a k="1\n2\t3"/>', // attribute-value normalisation would turn the line break into a space
      `${'<e>'.repeat(MAX_XML_DEPTH)}${'</e>'.repeat(MAX_XML_DEPTH)}`,
      '',
    ])
      expect(parseElementTree(text)).toBeUndefined();
  });

  it('never accepts what the reference parser refuses, and reads the same tree, on 600 damaged texts', () => {
    let seed = 4242;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const sources = [ptaMessage().message, kantaSocialMessage('client').message, buildCda()];
    const damaged = (text: string): string => {
      const i = rand(text.length);
      switch (rand(5)) {
        case 0:
          return text.slice(0, i);
        case 1:
          return `${text.slice(0, i)}${'<>&"\'/=:!?\n'.charAt(rand(11))}${text.slice(i + 1)}`;
        case 2:
          return `${text.slice(0, i)}${text.slice(i + 1 + rand(50))}`;
        case 3:
          return `${text.slice(0, i)}${'\r\t&#xE4;&amp;]]>-->'.slice(rand(8))}${text.slice(i)}`;
        default:
          return `${text.slice(0, i)}${text.slice(i, i + rand(200))}${text.slice(i)}`;
      }
    };
    let fast = 0;
    for (let k = 0; k < 600; k++) {
      const text = damaged(sources[k % sources.length] ?? '');
      if (xmlSafetyProblem(text)) continue;
      const tree = parseElementTree(text);
      if (tree === undefined) continue;
      fast++;
      expect(tree, text).toEqual(reference(text));
    }
    // Damage inside text and attribute values leaves many well-formed: the comparison did run.
    expect(fast).toBeGreaterThan(100);
  });
});
