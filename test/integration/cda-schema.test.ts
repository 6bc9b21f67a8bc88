/**
 * `serve --cda-schema DIR` over real HTTP on loopback: each repository's documents are validated against
 * their own schema (the Patient Data Repository's CDA_Fi.xsd / CDA.xsd, the social-welfare
 * CDA_Fi_sos.xsd); a directory without the social-welfare schema leaves social-welfare documents
 * unchecked and says so in the answer (CDA-XSD-002) and in the start log, never validating them against
 * the other repository's schema; schema errors name the element. The schemas are the tiny stand-ins of
 * fixtures/cda/schema-mini (the real HL7 Finland set is in the conformance tests).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SOCIAL_ORGANISATIONS,
  kantaSocialMessage,
  ptaMessage,
  socialCda,
  socialFrame,
} from '../../fixtures/cda/index.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startLoggedServer } from '../support/sim.ts';
import { registerSocialCustomer } from '../support/social-customer.ts';

const MINI = fileURLToPath(new URL('../../fixtures/cda/schema-mini', import.meta.url));

interface Ack {
  acknowledgement: string;
  details: { typeCode: string; code: string; text: string; location: string }[];
}

async function post(
  url: string,
  repository: 'pta' | 'social',
  body: string,
): Promise<{ status: number; ack: Ack }> {
  const res = await fetch(`${url}/archive/${repository}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/xml', accept: 'application/json' },
  });
  return { status: res.status, ack: (await res.json()) as Ack };
}

/** A server with `dir` as --cda-schema, its log lines collected. */
async function start(dir: string): Promise<{ server: RunningServer; log: string[] }> {
  const log: string[] = [];
  const server = await startLoggedServer({ defaultLanguage: 'en', cdaSchemaDir: dir }, 'info', log);
  await registerSocialCustomer(server.url);
  return { server, log };
}

const xsd = (a: Ack): Ack['details'] => a.details.filter((d) => d.code.startsWith('CDA-XSD-'));

describe('a schema directory without CDA_Fi_sos.xsd', () => {
  let server: RunningServer;
  let log: string[];
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kantasim-xsd-pta-'));
    copyFileSync(join(MINI, 'CDA.xsd'), join(dir, 'CDA.xsd'));
    ({ server, log } = await start(dir));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says in the start log that social-welfare documents are not schema-checked', () => {
    const warning = log
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .find((l) => /CDA_Fi_sos\.xsd/.test(l.msg));
    expect(warning?.level).toBe(40);
    expect(warning?.msg).toMatch(/social-welfare documents are not schema-checked/);
  });

  it('accepts a real-format social-welfare document unchecked, saying so (CDA-XSD-002), not against CDA.xsd', async () => {
    const r = await post(server.url, 'social', kantaSocialMessage('client').message);
    expect([r.status, r.ack.acknowledgement]).toEqual([201, 'AA']);
    expect(xsd(r.ack)).toEqual([
      expect.objectContaining({ code: 'CDA-XSD-002', typeCode: 'I', location: '/ClinicalDocument' }),
    ]);
    expect(xsd(r.ack)[0]?.text).toMatch(/not schema-checked.*no CDA_Fi_sos\.xsd/);
  });

  it('still validates Patient Data Repository documents, naming the element', async () => {
    const good = await post(server.url, 'pta', ptaMessage().message);
    expect([good.status, xsd(good.ack)]).toEqual([201, []]);
    const bad = await post(server.url, 'pta', ptaMessage({ realmCode: null }).message);
    expect(bad.status).toBe(422);
    expect(xsd(bad.ack).map((d) => [d.code, d.location])).toEqual([
      ['CDA-XSD-001', '/ClinicalDocument/typeId'],
    ]);
  });
});

describe('a schema directory with CDA_Fi_sos.xsd', () => {
  let server: RunningServer;
  let log: string[];
  beforeAll(async () => {
    ({ server, log } = await start(MINI));
  });
  afterAll(async () => {
    await server.close();
  });

  it('names both schemas in the start log and warns of nothing', () => {
    const lines = log.map((l) => JSON.parse(l) as { level: number; msg: string; social?: string });
    expect(lines.find((l) => l.social !== undefined)).toMatchObject({ level: 30, social: 'CDA_Fi_sos.xsd' });
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
  });

  it('validates social-welfare documents against it: a valid one passes, an invalid one is refused at its element', async () => {
    const good = await post(server.url, 'social', kantaSocialMessage('client').message);
    expect([good.status, xsd(good.ack)]).toEqual([201, []]);
    const org = SOCIAL_ORGANISATIONS.pohjola;
    const invalid = socialCda('client', { organisation: org }).cda.replace(
      '<hl7fi:localSocialHeader>',
      '<hl7fi:localHeader/><hl7fi:localSocialHeader>',
    );
    const bad = await post(server.url, 'social', socialFrame(invalid, 'client', org));
    expect(bad.status).toBe(422);
    expect(xsd(bad.ack).map((d) => [d.code, d.location])).toEqual([
      ['CDA-XSD-001', '/ClinicalDocument/hl7fi:localHeader'],
    ]);
    expect(xsd(bad.ack)[0]?.text).toMatch(/^not valid against CDA_Fi_sos\.xsd: /);
  });
});
