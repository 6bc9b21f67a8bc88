/**
 * Stateless viewer: two kantasim instances on one PostgreSQL (a schema of its own in the throwaway
 * cluster of test/setup/global-postgres.ts), each with its own connection pool and HTTP listener, as
 * behind a load balancer. An archivist signed in through one instance is signed in on the other, a
 * sign-out through either ends the session on both, and wrong passcodes spread over both instances add
 * up to one account's limit, also when they arrive at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../simulator/server.ts';
import { freshSchemaUrl } from '../setup/postgres-store.ts';
import { json, startTestSimulator } from '../support/sim.ts';

const REGISTER = '1.2.246.10.3210987.19.0';
let instances: RunningServer[] = [];

beforeAll(async () => {
  const store = freshSchemaUrl('viewer');
  // The first one migrates and seeds the empty schema; the second finds it ready.
  const first = await startTestSimulator({ store });
  const second = await startTestSimulator({ store, seed: false });
  instances = [first, second];
  for (const id of ['jaettu', 'arvattava', 'rinnakkainen'])
    expect(
      (
        await json(first.url, 'POST', '/registry/archivists', {
          id,
          name: `Tili ${id}`,
          registerController: REGISTER,
          passcode: 'oikea-koodi-123',
        })
      ).status,
    ).toBe(201);
}, 120_000);

afterAll(async () => {
  await Promise.all(instances.map((s) => s.close()));
});

function at(n: number): string {
  const instance = instances[n];
  if (!instance) throw new Error(`no instance ${String(n)}`);
  return instance.url;
}

function signIn(n: number, archivist: string, passcode: string): Promise<Response> {
  return fetch(`${at(n)}/viewer/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
    body: new URLSearchParams({ archivist, passcode }).toString(),
    redirect: 'manual',
  });
}

function find(n: number, cookie: string): Promise<Response> {
  return fetch(`${at(n)}/viewer/find`, {
    headers: { Cookie: cookie, 'Accept-Language': 'en' },
    redirect: 'manual',
  });
}

describe('two instances on one PostgreSQL share the viewer', () => {
  it('serves a session signed in through instance 1 on instance 2, and a sign-out ends it on both', async () => {
    const res = await signIn(0, 'jaettu', 'oikea-koodi-123');
    expect(res.status).toBe(303);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^kantasim_viewer=[A-Za-z0-9_-]{43}$/);

    const page = await find(1, cookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Tili jaettu');
    expect((await find(0, cookie)).status).toBe(200);

    const out = await fetch(`${at(1)}/viewer/sign-out`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' },
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    for (const n of [0, 1]) {
      const gone = await find(n, cookie);
      expect(gone.status, `instance ${String(n + 1)}`).toBe(303);
      expect(gone.headers.get('location')).toBe('/viewer/sign-in');
    }
  });

  it('counts wrong passcodes through both instances toward one limit', async () => {
    // Five wrong passcodes, alternating instances: neither instance saw five on its own.
    for (let i = 0; i < 5; i++) expect((await signIn(i % 2, 'arvattava', `väärä-${i}`)).status).toBe(401);
    for (const n of [0, 1]) {
      const limited = await signIn(n, 'arvattava', 'väärä-6');
      expect(limited.status, `instance ${String(n + 1)}`).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Even the right passcode waits, on either instance; no session is issued meanwhile.
    for (const n of [0, 1]) {
      const right = await signIn(n, 'arvattava', 'oikea-koodi-123');
      expect(right.status).toBe(429);
      expect(right.headers.get('set-cookie')).toBeNull();
    }
    // Another account is not affected.
    expect((await signIn(1, 'jaettu', 'oikea-koodi-123')).status).toBe(303);
  });

  it('holds the limit when twelve wrong passcodes arrive at once through both instances', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signIn(i % 2, 'rinnakkainen', `väärä-${i}`)),
    );
    const statuses = answers.map((r) => r.status);
    // At most five passcodes were checked; every other attempt was refused unchecked.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect((await signIn(0, 'rinnakkainen', 'oikea-koodi-123')).status).toBe(429);
  });
});
