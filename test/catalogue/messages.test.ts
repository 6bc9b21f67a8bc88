/**
 * Finding messages in Finnish, Swedish and English: every catalogue template renders in each language
 * with no placeholder left unfilled, findings carry the args of their template, and the real server's
 * answers (FHIR OperationOutcome, archive acknowledgement) follow the caller's Accept-Language, with
 * Finnish, Kanta's language, when the caller names none of ours.
 */
import type { Bundle, OperationOutcome } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGS } from '../../common/i18n/index.ts';
import { CATALOGUE, codesOf } from '../../common/rules/catalogue.ts';
import {
  argsFromMessage,
  findingRenderer,
  icuSource,
  localise,
  placeholdersOf,
  renderTemplate,
  templatesOf,
} from '../../common/rules/messages.ts';
import { buildCda } from '../../fixtures/cda/index.ts';
import { kantaAppointment, storeBundle } from '../../fixtures/fhir/appointment.ts';
import { error } from '../../simulator/domain/findings.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';

const UNFILLED = /\{[A-Za-z_][A-Za-z0-9_]*\}/;

describe('catalogue templates', () => {
  it('render in fi, sv and en with every placeholder filled', () => {
    const bad: string[] = [];
    for (const entry of CATALOGUE)
      for (const messages of templatesOf(entry)) {
        const args = Object.fromEntries(placeholdersOf(messages.en).map((n) => [n, `«${n}»`]));
        for (const lang of LANGS) {
          const text = renderTemplate(messages[lang], args, lang);
          if (UNFILLED.test(text) || text.trim() === '') bad.push(`${entry.code} (${lang}): ${text}`);
          for (const name of Object.keys(args))
            if (!text.includes(`«${name}»`)) bad.push(`${entry.code} (${lang}) lost {${name}}`);
        }
      }
    expect(bad).toEqual([]);
  });

  it('keep apostrophes and literal braces of FHIR examples as written', () => {
    const template = "set system to 'urn:oid:1.2.246.21' in { system: … }, not '{system}'";
    expect(icuSource(template)).not.toBe(template);
    expect(renderTemplate(template, { system: 'x' }, 'en')).toBe(
      "set system to 'urn:oid:1.2.246.21' in { system: … }, not 'x'",
    );
  });

  it("read a raise site's English message back into the template's args", () => {
    expect(
      argsFromMessage('FHIR-JSON-004', "'Patien' is not a FHIR R4 resource type; check the spelling"),
    ).toEqual({ rt: 'Patien' });
    expect(argsFromMessage('FHIR-JSON-004', 'something else')).toBeUndefined();
  });
});

describe('findings', () => {
  it('carry the args of their template and render in every language', () => {
    const f = error(
      'FHIR-JSON-004',
      'resourceType',
      "'Patien' is not a FHIR R4 resource type; check the spelling",
    );
    expect(f.args).toEqual({ rt: 'Patien' });
    expect(localise(f, 'en')).toBe(f.message);
    expect(localise(f, 'fi')).toBe("'Patien' ei ole FHIR R4 -resurssityyppi; tarkista kirjoitusasu");
    expect(localise(f, 'sv')).toBe("'Patien' är inte en resurstyp i FHIR R4; kontrollera stavningen");
  });

  it('take explicit args over the message', () => {
    const f = error('CDA-NUL-001', '/', 'whatever was written', undefined, { oid: '1.2.3' });
    expect(findingRenderer('sv')(f)).toBe('inget arkiverat dokument 1.2.3');
  });

  it('keep their English message when the catalogue cannot fill the template', () => {
    expect(localise({ code: 'NO-SUCH-001', message: 'as raised' }, 'fi')).toBe('as raised');
    expect(localise({ code: 'CDA-NUL-001', message: 'not the template' }, 'fi')).toBe('not the template');
  });

  it('of every family code resolve to their entry', () => {
    const inv = CATALOGUE.find((e) => e.code === 'R4-INV-<key>');
    expect(inv).toBeDefined();
    const code = codesOf(inv!)[0] ?? '';
    const f = error(code, 'Appointment', `${code.slice('R4-INV-'.length)}: a rule; change it`);
    for (const lang of LANGS) expect(localise(f, lang)).not.toMatch(UNFILLED);
  });
});

describe('answers in the caller’s language', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // The operator's default, as shipped: Finnish.
    server = await startTestSimulator({ defaultLanguage: 'fi' });
  });
  afterAll(async () => {
    await server.close();
  });

  const refusedTransaction = (): Bundle => {
    const appointment = kantaAppointment();
    delete appointment.meta;
    return storeBundle(appointment);
  };

  async function transaction(acceptLanguage?: string): Promise<{ status: number; oo: OperationOutcome }> {
    const res = await fetch(`${server.url}/fhir`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/fhir+json',
        ...(acceptLanguage === undefined ? {} : { 'Accept-Language': acceptLanguage }),
      },
      body: JSON.stringify(refusedTransaction()),
    });
    return { status: res.status, oo: (await res.json()) as OperationOutcome };
  }

  const issueOf = (oo: OperationOutcome, code: string): OperationOutcome['issue'][number] | undefined =>
    oo.issue.find((i) => i.details?.coding?.some((c) => c.code === code));

  it('a refused Kanta transaction is explained in fi, sv and en', async () => {
    const texts: string[] = [];
    for (const [lang, words] of [
      ['fi', /Kannan ajanvaraus ilmoittaa profiilinsa: lisää/],
      ['sv', /en Kanta-bokning anger sin profil: lägg till/],
      ['en', /a Kanta appointment declares its profile: add/],
    ] as const) {
      const { status, oo } = await transaction(lang);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      const issue = issueOf(oo, 'KANTA-APPT-001');
      expect(issue, JSON.stringify(oo)).toBeDefined();
      expect(issue?.diagnostics).toMatch(words);
      expect(issue?.details?.text).toBe(issue?.diagnostics);
      // The codes stay the same in every language.
      expect(issue?.details?.coding?.map((c) => c.code)).toContain('4Y00007');
      texts.push(issue?.diagnostics ?? '');
    }
    expect(new Set(texts).size).toBe(3);
  });

  it('answers in Finnish without Accept-Language, and for a language it does not speak', async () => {
    for (const header of [undefined, 'de-DE, ja;q=0.5']) {
      const { oo } = await transaction(header);
      expect(issueOf(oo, 'KANTA-APPT-001')?.diagnostics).toMatch(/^Kannan ajanvaraus/);
    }
    const { oo } = await transaction('de, sv-FI;q=0.8, en;q=0.5');
    expect(issueOf(oo, 'KANTA-APPT-001')?.diagnostics).toMatch(/^en Kanta-bokning/);
  });

  it('explains an archive refusal in the caller’s language (JSON and XML acknowledgements)', async () => {
    const cda = buildCda({ realmCode: 'SE' });
    const post = async (lang: string, accept: string): Promise<string> => {
      const res = await fetch(`${server.url}/archive/pta`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/xml', Accept: accept, 'Accept-Language': lang },
        body: cda,
      });
      expect(res.status).toBeLessThan(500);
      return res.text();
    };
    const json = async (lang: string): Promise<string> => {
      const ack = JSON.parse(await post(lang, 'application/json')) as {
        details: { code: string; text: string }[];
      };
      return ack.details.find((d) => d.code === 'CDA-HDR-003')?.text ?? JSON.stringify(ack);
    };
    expect(await json('fi')).toMatch(/^realmCode-arvon on oltava FI/);
    expect(await json('sv')).toMatch(/^realmCode ska vara FI/);
    expect(await json('en')).toMatch(/^realmCode must be FI/);
    expect(await post('sv', 'application/xml')).toContain('<text>realmCode ska vara FI');
  });
});
