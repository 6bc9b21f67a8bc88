import { describe, expect, it } from 'vitest';
import { narrativeFindings, resourceNarrativeFindings } from './narrative.ts';
import { checkInvariants } from './invariants.ts';

const div = (inner: string, attrs = ''): string =>
  `<div xmlns="http://www.w3.org/1999/xhtml"${attrs}>${inner}</div>`;
const codes = (inner: string): string[] =>
  narrativeFindings(div(inner), 'Appointment.text.div').map((f) => f.code);

describe('FHIR narrative invariants (txt-1, txt-2)', () => {
  it('accepts basic formatting, tables, lists, links and images', () => {
    expect(
      codes(
        '<p>Vastaanotto <b>1.12.2026</b> klo 9.00</p><ul><li>Ota <i>Kela-kortti</i></li></ul>' +
          '<table><tr><td>Huone</td><td>12</td></tr></table><a href="https://example.org/ohje">Ohje</a><img src="https://example.org/k.png" alt="kartta"/>',
      ),
    ).toEqual([]);
  });

  it.each([
    ['a script element', '<p>x</p><script>alert(1)</script>'],
    ['an iframe', '<iframe src="https://example.org"></iframe>'],
    ['a form', '<form><input name="q"/></form>'],
    ['an event handler', '<p onclick="alert(1)">x</p>'],
    ['an event handler in any case', '<img src="https://e.org/a.png" OnError="alert(1)"/>'],
    ['a javascript: link', '<a href="javascript:alert(1)">x</a>'],
    ['a javascript: link hidden by white space and case', '<a href=" Java&#9;Script:alert(1)">x</a>'],
    ['a data: image', '<img src="data:text/html;base64,PHNjcmlwdD4="/>'],
    ['an xlink attribute', '<a xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="https://e.org">x</a>'],
    ['an object', '<object data="x.swf"></object>'],
  ])('refuses %s with txt-1', (_what, inner) => {
    expect(codes(inner)).toContain('R4-INV-txt-1');
  });

  it('refuses markup that is not well-formed XHTML or not in the XHTML namespace', () => {
    expect(
      narrativeFindings('<div xmlns="http://www.w3.org/1999/xhtml"><p>open</div>', 'X.text.div')[0]?.message,
    ).toMatch(/not well-formed/);
    expect(narrativeFindings('<div><p>x</p></div>', 'X.text.div')[0]?.message).toMatch(
      /root must be <div xmlns=/,
    );
    expect(narrativeFindings(div('<!DOCTYPE x>'), 'X.text.div').map((f) => f.code)).toEqual(['R4-INV-txt-1']);
  });

  it('refuses an empty narrative with txt-2 but accepts one that is only an image', () => {
    expect(codes('  <p> </p> ')).toEqual(['R4-INV-txt-2']);
    expect(codes('<img src="https://e.org/a.png" alt=""/>')).toEqual([]);
  });

  it('checks the narrative of contained resources with their path, as part of the invariant layer', () => {
    const appointment = {
      resourceType: 'Appointment',
      status: 'booked',
      participant: [{ status: 'accepted', type: [{ text: 'x' }] }],
      text: { status: 'generated', div: div('<p>ok</p>') },
      contained: [
        { resourceType: 'Patient', id: 'p', text: { status: 'generated', div: div('<script>x</script>') } },
      ],
    };
    const findings = resourceNarrativeFindings(appointment);
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['R4-INV-txt-1', 'Appointment.contained[0].text.div/script'],
    ]);
    expect(checkInvariants(appointment).map((f) => f.code)).toContain('R4-INV-txt-1');
  });
});
