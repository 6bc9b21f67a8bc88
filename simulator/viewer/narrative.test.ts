import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { CdaNarrative, cdaSections, narrativeLines, safeHttpUrl, XhtmlNarrative } from './narrative.tsx';
import { parseOrdered, type XElement } from '../xml/ordered.ts';

function cdaText(inner: string): XElement {
  const parsed = parseOrdered(`<text xmlns="urn:hl7-org:v3">${inner}</text>`);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.root;
}

const render = (inner: string): string => renderToString(h(CdaNarrative, { text: cdaText(inner) }));

function xhtml(div: string): string {
  const parsed = parseOrdered(div);
  if (!parsed.ok) throw new Error(parsed.problem);
  return renderToString(h(XhtmlNarrative, { div: parsed.root }));
}

describe('CDA narrative allow-list renderer', () => {
  it('renders paragraphs, styled content, lists, tables, sub/sup and line breaks as their HTML counterparts', () => {
    const html = render(
      '<paragraph><caption>Otsikko</caption>Verenpaine <content styleCode="Bold Italics">142/88</content></paragraph>' +
        '<list listType="ordered"><item>yksi</item><item>kaksi</item></list><list><item>x</item></list>' +
        '<table border="1"><caption>Mittaukset</caption><thead><tr><th colspan="2">A</th></tr></thead>' +
        '<tbody><tr><td rowspan="x">1</td><td>2</td></tr></tbody></table>H<sub>2</sub>O m<sup>2</sup><br/>',
    );
    expect(html).toContain(
      '<div class="nb-caption">Otsikko</div><p>Verenpaine <span class="nb-b nb-i">142/88</span></p>',
    );
    expect(html).toContain('<ol><li>yksi</li><li>kaksi</li></ol><ul><li>x</li></ul>');
    expect(html).toContain(
      '<table class="nb-table"><caption>Mittaukset</caption><thead><tr><th colspan="2">A</th>',
    );
    expect(html).toContain('<td>1</td>');
    expect(html).not.toContain('border');
    expect(html).toContain('H<sub>2</sub>O m<sup>2</sup><br/>');
  });

  it('renders a script element as escaped text, never as an element', () => {
    const html = render('<paragraph>ok</paragraph><script>alert(1)</script>');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect(html).toContain('class="nb-foreign"');
  });

  it('drops event-handler and style attributes of allowed elements', () => {
    const html = render('<content styleCode="Bold" onclick="alert(1)" style="x" ID="c1">t</content>');
    expect(html).toBe('<div class="narrative"><span class="nb-b">t</span></div>');
  });

  it('renders http(s) links as links and every other scheme as inert text', () => {
    expect(render('<linkHtml href="https://kanta.fi/x?a=1&amp;b=2">K</linkHtml>')).toContain(
      '<a href="https://kanta.fi/x?a=1&amp;b=2" rel="noopener noreferrer nofollow" referrerpolicy="no-referrer" class="nb-link">K</a>',
    );
    for (const href of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'data:text/html,<b>',
      'vbscript:x',
      '//evil.example/',
      '/relative',
    ]) {
      const html = render(`<linkHtml href="${href.replace(/</g, '&lt;')}">L</linkHtml>`);
      expect(html, href).not.toContain('<a ');
      expect(html, href).toContain('nb-inert-link');
    }
  });

  it('shows elements of other namespaces (e.g. XHTML img) as text', () => {
    const html = render('<img xmlns="http://www.w3.org/1999/xhtml" src="/x" onerror="alert(1)"/>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img xmlns=&quot;http://www.w3.org/1999/xhtml&quot; src=&quot;/x&quot;');
  });

  it('escapes text that looks like markup, including CDATA', () => {
    const html = render('<paragraph>&lt;b&gt;x&lt;/b&gt; <![CDATA[<i>y</i>]]></paragraph>');
    expect(html).toContain('<p>&lt;b>x&lt;/b> &lt;i>y&lt;/i></p>');
  });

  it('reads nested sections with titles and codes, and turns them into lines for diffs', () => {
    const parsed = parseOrdered(
      `<ClinicalDocument xmlns="urn:hl7-org:v3"><component><structuredBody>
        <component><section><code code="40" codeSystem="1.2.246.537.6.12.2002"/><title>Teksti</title>
          <text><paragraph>Eka  rivi</paragraph><table><tr><td>a</td><td>b</td></tr></table></text>
          <component><section><title>Ali</title><text>loppu</text></section></component>
        </section></component></structuredBody></component></ClinicalDocument>`,
    );
    if (!parsed.ok) throw new Error(parsed.problem);
    const sections = cdaSections(parsed.root);
    expect(sections[0]?.code?.code).toBe('40');
    expect(sections[0]?.sections[0]?.title).toBe('Ali');
    expect(narrativeLines(sections)).toEqual(['# Teksti', 'Eka rivi', 'a | b', '## Ali', 'loppu']);
  });
});

describe('FHIR narrative (XHTML) allow-list renderer', () => {
  it('keeps the safe XHTML subset and shows script, object and handlers as text or not at all', () => {
    const html = xhtml(
      '<div xmlns="http://www.w3.org/1999/xhtml"><p onclick="x()">Hei <b>sinä</b></p><script>alert(1)</script>' +
        '<a href="javascript:alert(1)">peru</a><a href="https://kanta.fi">ok</a><img src="/x" alt="kuva"/><object data="/x"/></div>',
    );
    expect(html).toContain('<p>Hei <b>sinä</b></p>');
    expect(html).not.toMatch(/<(script|img|object)\b/);
    expect(html).not.toContain('onclick');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect(html).toContain('<span class="nb-media">[image kuva]</span>');
    expect(html).toContain('<a href="https://kanta.fi/"');
    expect(html).not.toContain('href="javascript');
  });
});

describe('safeHttpUrl', () => {
  it('accepts absolute http and https URLs only', () => {
    expect(safeHttpUrl('https://kanta.fi')).toBe('https://kanta.fi/');
    expect(safeHttpUrl(' http://x.example/a ')).toBe('http://x.example/a');
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('https:alert(1)')).toBeUndefined();
    expect(safeHttpUrl(undefined)).toBeUndefined();
  });
});

describe('ordered XML parsing for the viewer', () => {
  it('refuses DOCTYPE and undeclared entities', () => {
    expect(parseOrdered('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>').ok).toBe(false);
    expect(parseOrdered('<x>&nbsp;</x>').ok).toBe(false);
    expect(parseOrdered('<x>&amp;&#65;</x>').ok).toBe(true);
  });
});
