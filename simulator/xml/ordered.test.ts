import { describe, expect, it } from 'vitest';
import { MAX_XML_DEPTH, parseOrdered, textContent } from './ordered.ts';

describe('the shared safe XML parser', () => {
  it('decodes numeric character references and the five XML entities once, in text and attributes', () => {
    const r = parseOrdered(
      '<t a="P&#228;ivi&#xE4; &amp;#9; &lt;x&gt;">K&#228;ynti &amp; &quot;hoito&quot; &amp;#65;</t>',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.root.attrs[0]?.value).toBe('Päiviä &#9; <x>');
    expect(textContent(r.root)).toBe('Käynti & "hoito" &#65;');
  });

  it('leaves references to characters XML forbids as written', () => {
    const r = parseOrdered('<t>a&#0;b&#xD800;c</t>');
    expect(r.ok && textContent(r.root)).toBe('a&#0;b&#xD800;c');
  });

  it('resolves namespaces, keeps mixed content in order', () => {
    const r = parseOrdered('<a xmlns="urn:x" xmlns:f="urn:f"><f:b>1</f:b>text<![CDATA[<c>]]><!-- n --></a>');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.root.ns).toBe('urn:x');
    expect(r.root.children.map((c) => c.type)).toEqual(['element', 'text', 'cdata', 'comment']);
    expect(r.root.children[0]).toMatchObject({ name: 'b', qname: 'f:b', ns: 'urn:f' });
  });

  it.each([
    ['doctype', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'],
    ['entity-declaration', '<x><!ENTITY e "boom"></x>'],
    ['undeclared-entity', '<x>&nbsp;</x>'],
    ['malformed', '<x><y></x>'],
    ['root', '<x/><y/>'],
    ['depth', `${'<d>'.repeat(MAX_XML_DEPTH + 5)}${'</d>'.repeat(MAX_XML_DEPTH + 5)}`],
  ])('refuses %s input with that kind', (kind, text) => {
    const r = parseOrdered(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.kind).toBe(kind);
  });
});
