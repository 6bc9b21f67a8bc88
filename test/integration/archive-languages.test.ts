/**
 * The archive's JSON errors (a refused nullification, an unknown document) follow the caller's
 * Accept-Language like its acknowledgements and FHIR's OperationOutcomes, worded from the finding
 * catalogue; without the header they are in the server's language (Finnish by default).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleFor } from '../../common/rules/catalogue.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { json, startTestSimulator } from '../support/sim.ts';

interface ErrorAnswer {
  error: { code: string; message: string };
  findings?: { code: string; message: string }[];
}

const missingReason = ruleFor('CDA-NUL-003')?.variants?.[0];
const noDocument = ruleFor('CDA-NUL-001')?.messages;

describe('archive JSON errors in the caller’s language', () => {
  let en: RunningServer;
  let fi: RunningServer;
  beforeAll(async () => {
    en = await startTestSimulator();
    fi = await startTestSimulator({ defaultLanguage: 'fi' });
  });
  afterAll(async () => {
    await en.close();
    await fi.close();
  });

  it('words a refused nullification as Accept-Language asks', async () => {
    for (const lang of ['fi', 'sv', 'en'] as const) {
      const r = await json<ErrorAnswer>(
        en.url,
        'POST',
        '/archive/documents/1.2.246.10.1.1/nullify',
        {},
        {
          'Accept-Language': lang,
        },
      );
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('CDA-NUL-003');
      expect(r.body.error.message).toContain(missingReason?.[lang]);
      expect(r.body.findings?.[0]?.message).toBe(missingReason?.[lang]);
    }
  });

  it('answers an unknown document in the server’s language without the header, else in the asked one', async () => {
    const body = { reason: 'väärä potilas', by: 'arkistonhoitaja' };
    const plain = await json<ErrorAnswer>(
      fi.url,
      'POST',
      '/archive/documents/1.2.246.10.404.1/nullify',
      body,
    );
    expect(plain.status).toBe(404);
    expect(plain.body.error.message).toBe(noDocument?.fi.replace('{oid}', '1.2.246.10.404.1'));
    const sv = await json<ErrorAnswer>(fi.url, 'GET', '/archive/documents/1.2.246.10.404.1', undefined, {
      'Accept-Language': 'sv-FI',
    });
    expect(sv.status).toBe(404);
    expect(sv.body.error).toMatchObject({
      code: 'not-found',
      message: noDocument?.sv.replace('{oid}', '1.2.246.10.404.1'),
    });
    const english = await json<ErrorAnswer>(fi.url, 'GET', '/archive/documents/1.2.246.10.404.1', undefined, {
      'Accept-Language': 'en',
    });
    expect(english.body.error.message).toBe('no archived document 1.2.246.10.404.1');
  });
});
