/**
 * One submission policy over real HTTP: an equivalent bad submission sent to the FHIR appointment API
 * (`POST /fhir`, a Kanta store transaction) and to the archive (`POST /archive/pta`) gets the same
 * decision in every mode, the mode header is read the same way on both, and rehearsal (per request or
 * for the whole server) never relaxes the identity guard: a real-range patient is refused, nothing is
 * stored, and searching by that code finds nothing.
 */
import type { Bundle, OperationOutcome } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIDS, ptaMessage } from '../../fixtures/cda/index.ts';
import {
  kantaAppointment,
  ORG_READY,
  REAL_RANGE_HETU,
  storeBundle,
  TEST_HETUS,
} from '../../fixtures/fhir/appointment.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';

let strict: RunningServer;
let rehearsal: RunningServer;

beforeAll(async () => {
  [strict, rehearsal] = await Promise.all([startTestSimulator(), startTestSimulator({ mode: 'rehearsal' })]);
});
afterAll(async () => {
  await Promise.all([strict.close(), rehearsal.close()]);
});

/** What a channel decided: refused (with status and finding codes), or stored and whether valid. */
interface Decision {
  stored: boolean;
  valid?: boolean;
  status: number;
  codes: string[];
}

let serial = 0;

async function viaFhir(
  server: RunningServer,
  hetu: string,
  broken: boolean,
  headers: Record<string, string>,
  organiser?: string,
): Promise<Decision> {
  serial += 1;
  const appointment = kantaAppointment({ hetu, identifier: `AJ-POLICY-${serial}` });
  if (broken) delete appointment.meta; // KANTA-APPT-001: a content rule
  const res = await fetch(`${server.url}/fhir`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json', ...headers },
    body: JSON.stringify(storeBundle(appointment, organiser === undefined ? {} : { organiser })),
  });
  const body = (await res.json()) as Bundle | OperationOutcome;
  if (body.resourceType === 'OperationOutcome')
    return {
      stored: false,
      status: res.status,
      codes: body.issue.map((i) => i.details?.coding?.[0]?.code ?? ''),
    };
  const entry = body.entry?.[0]?.response;
  const read = await fetch(`${server.url}/fhir/${(entry?.location ?? '').replace(/\/_history\/.*$/, '')}`);
  const stored = (await read.json()) as { meta?: { tag?: { code?: string }[] } };
  return {
    stored: true,
    valid: !(stored.meta?.tag ?? []).some((t) => t.code === 'invalid'),
    status: res.status,
    codes:
      (entry?.outcome as OperationOutcome | undefined)?.issue.map(
        (i) => i.details?.coding?.[0]?.code ?? '',
      ) ?? [],
  };
}

async function viaArchive(
  server: RunningServer,
  hetu: string,
  broken: boolean,
  headers: Record<string, string>,
  custodian?: string,
): Promise<Decision> {
  const m = ptaMessage({
    ...(custodian === undefined ? {} : { custodian }),
    ...(broken ? { realmCode: 'SE' } : {}), // CDA-HDR-003: a content rule
    patient: { root: OIDS.hetu, extension: hetu, given: 'Testi', family: 'Potilas' },
  });
  const res = await fetch(`${server.url}/archive/pta`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml', Accept: 'application/json', ...headers },
    body: m.message,
  });
  const ack = (await res.json()) as { acknowledgement: string; valid?: boolean; details: { code: string }[] };
  const codes = ack.details.map((d) => d.code);
  if (ack.acknowledgement !== 'AA') return { stored: false, status: res.status, codes };
  const findings = (await (await fetch(`${server.url}/archive/documents/${m.oid}/findings`)).json()) as {
    valid: boolean;
  };
  return { stored: true, valid: findings.valid, status: res.status, codes };
}

const outcome = (d: Decision): Pick<Decision, 'stored' | 'valid'> =>
  d.stored ? { stored: true, valid: d.valid } : { stored: false };

describe('one decision for both channels', () => {
  const cases: { server: () => RunningServer; name: string; header?: string; expected: object }[] = [
    { server: () => strict, name: 'strict server', expected: { stored: false } },
    {
      server: () => strict,
      name: 'strict server, header strict',
      header: 'strict',
      expected: { stored: false },
    },
    {
      server: () => strict,
      name: 'strict server, header rehearsal',
      header: 'rehearsal',
      expected: { stored: true, valid: false },
    },
    { server: () => rehearsal, name: 'rehearsal server', expected: { stored: true, valid: false } },
    {
      server: () => rehearsal,
      name: 'rehearsal server, header strict',
      header: 'strict',
      expected: { stored: false },
    },
    {
      server: () => strict,
      name: 'strict server, header " Rehearsal " (case and blanks ignored)',
      header: ' Rehearsal ',
      expected: { stored: true, valid: false },
    },
    {
      server: () => rehearsal,
      name: 'rehearsal server, empty header',
      header: '',
      expected: { stored: true, valid: false },
    },
  ];
  for (const c of cases) {
    it(`a content error: ${c.name}`, async () => {
      const headers: Record<string, string> = c.header === undefined ? {} : { 'X-Kantasim-Mode': c.header };
      const fhir = await viaFhir(c.server(), TEST_HETUS[2], true, headers);
      const archive = await viaArchive(c.server(), TEST_HETUS[2], true, headers);
      expect(outcome(fhir)).toEqual(c.expected);
      expect(outcome(archive)).toEqual(c.expected);
      if (fhir.stored) expect(fhir.codes).toContain('KANTA-APPT-001');
      if (archive.stored) expect(archive.codes).toContain('CDA-HDR-003');
    });
  }

  it('a mode header that names no mode is refused with 400 on both channels, whatever the server mode', async () => {
    for (const server of [strict, rehearsal]) {
      const headers = { 'X-Kantasim-Mode': 'lenient' };
      const fhir = await viaFhir(server, TEST_HETUS[2], false, headers);
      const archive = await viaArchive(server, TEST_HETUS[2], false, headers);
      expect([fhir.stored, fhir.status, fhir.codes]).toEqual([false, 400, ['FHIR-HTTP-400']]);
      expect([archive.stored, archive.status, archive.codes]).toEqual([false, 400, ['CDA-MSG-014']]);
    }
  });
});

describe('rehearsal never relaxes the identity guard', () => {
  const cases: { server: () => RunningServer; name: string; headers: Record<string, string> }[] = [
    {
      server: () => strict,
      name: 'strict server with X-Kantasim-Mode: rehearsal',
      headers: { 'X-Kantasim-Mode': 'rehearsal' },
    },
    { server: () => rehearsal, name: 'server started in rehearsal mode', headers: {} },
  ];
  for (const c of cases) {
    it(`a real-range patient is refused on both channels: ${c.name}`, async () => {
      const server = c.server();
      const fhir = await viaFhir(server, REAL_RANGE_HETU, false, c.headers);
      expect([fhir.stored, fhir.status]).toEqual([false, 422]);
      expect(fhir.codes).toContain('KANTA-ID-002');
      const archive = await viaArchive(server, REAL_RANGE_HETU, false, c.headers);
      expect([archive.stored, archive.status]).toEqual([false, 422]);
      expect(archive.codes).toContain('CDA-ID-002');
      // The same with a content error as well: still refused, not stored invalid.
      expect(outcome(await viaFhir(server, REAL_RANGE_HETU, true, c.headers))).toEqual({ stored: false });
      expect(outcome(await viaArchive(server, REAL_RANGE_HETU, true, c.headers))).toEqual({ stored: false });

      const search = await fetch(`${server.url}/fhir/Appointment/_search`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...c.headers },
        body: new URLSearchParams({
          'patient:identifier': `urn:oid:1.2.246.21|${REAL_RANGE_HETU}`,
        }).toString(),
      });
      const found = (await search.json()) as Bundle | OperationOutcome;
      if (found.resourceType === 'Bundle') expect([found.total ?? 0, found.entry ?? []]).toEqual([0, []]);
      else expect(search.status).toBeGreaterThanOrEqual(400);
      const documents = (await (
        await fetch(`${server.url}/archive/documents?patient=${REAL_RANGE_HETU}&includeInvalid=true`)
      ).json()) as { total: number };
      expect(documents.total).toBe(0);
    });
  }
});

describe('one order for the customer of an organisation', () => {
  it('both channels walk partOf from the organisation itself to the first with customer data', async () => {
    const server = await startTestSimulator();
    try {
      // A sub-organisation of the ready organisation, without customer data of its own, and its register
      // controller: the customer is found two steps up for the archive and one step up for FHIR.
      const sub = '1.2.246.10.3210987.10.5';
      const registerController = '1.2.246.10.3210987.19.5';
      for (const org of [
        {
          oid: sub,
          name: 'Kuusijärven suun terveydenhuolto',
          kind: 'organisation',
          partOf: ORG_READY,
          public: true,
        },
        {
          oid: registerController,
          name: 'Kuusijärven suun terveydenhuolto, rekisterinpitäjä',
          kind: 'register-controller',
          partOf: sub,
          public: true,
        },
      ]) {
        const res = await fetch(`${server.url}/registry/organisations`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(org),
        });
        expect(res.status, await res.text()).toBeLessThan(300);
      }
      const fhir = await viaFhir(server, TEST_HETUS[2], false, {}, sub);
      const archive = await viaArchive(server, TEST_HETUS[2], false, {}, registerController);
      expect(outcome(fhir)).toEqual({ stored: true, valid: true });
      expect(outcome(archive)).toEqual({ stored: true, valid: true });
    } finally {
      await server.close();
    }
  });
});
