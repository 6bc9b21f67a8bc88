import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../simulator/server.ts';
import { json, startTestSimulator } from '../support/sim.ts';

let sim: RunningServer;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim.close();
});

interface ArchivistOut {
  id: string;
  name: string;
  registerController: string;
  active: boolean;
  hasPasscode: boolean;
  passcodeHash?: string;
}
interface ErrorBody {
  error: { code: string; message: string; path?: string };
}

describe('archivist accounts over HTTP', () => {
  it('serves the seeded archivists of the fixture register controllers', async () => {
    const all = await json<ArchivistOut[]>(sim.url, 'GET', '/registry/archivists');
    expect(all.status).toBe(200);
    expect(all.body.map((a) => a.registerController).sort()).toEqual([
      '1.2.246.10.2654321.19.0',
      '1.2.246.10.2876543.19.0',
      '1.2.246.10.3210987.19.0',
    ]);
    const one = await json<ArchivistOut[]>(
      sim.url,
      'GET',
      '/registry/archivists?registerController=1.2.246.10.2876543.19.0',
    );
    expect(one.body.map((a) => a.id)).toEqual(['arkistonhoitaja.kielo']);
  });

  it('registers an archivist with a passcode and never shows the hash', async () => {
    const created = await json<ArchivistOut>(sim.url, 'POST', '/registry/archivists', {
      id: 'toinen.arkistonhoitaja',
      name: 'Toivo Toinen',
      registerController: '1.2.246.10.3210987.19.0',
      passcode: 'salainen-koodi',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'toinen.arkistonhoitaja', active: true, hasPasscode: true });
    expect(created.body.passcodeHash).toBeUndefined();
    const read = await json<ArchivistOut>(sim.url, 'GET', '/registry/archivists/toinen.arkistonhoitaja');
    expect(read.body.passcodeHash).toBeUndefined();
    const replaced = await json<ArchivistOut>(sim.url, 'POST', '/registry/archivists', {
      id: 'toinen.arkistonhoitaja',
      name: 'Toivo Toinen',
      registerController: '1.2.246.10.3210987.19.0',
      active: false,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ active: false, hasPasscode: false });
  });

  it('refuses an archivist of an organisation that is not a register controller', async () => {
    const res = await json<ErrorBody>(sim.url, 'POST', '/registry/archivists', {
      id: 'vaara.rekisteri',
      name: 'Väärä Rekisteri',
      registerController: '1.2.246.10.3210987.10.0',
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid-reference', path: '/registerController' });
  });

  it('refuses a body with unknown fields or a bad user name, naming the field', async () => {
    const extra = await json<ErrorBody>(sim.url, 'POST', '/registry/archivists', {
      id: 'uusi',
      name: 'Uusi',
      registerController: '1.2.246.10.3210987.19.0',
      role: 'admin',
    });
    expect(extra.status).toBe(400);
    expect(extra.body.error.path).toBe('/role');
    const badId = await json<ErrorBody>(sim.url, 'POST', '/registry/archivists', {
      id: 'Ei Kelpaa!',
      name: 'Uusi',
      registerController: '1.2.246.10.3210987.19.0',
    });
    expect(badId.status).toBe(400);
    expect(badId.body.error.path).toBe('/id');
    const missing = await json<ErrorBody>(sim.url, 'GET', '/registry/archivists/ei-ole');
    expect(missing.status).toBe(404);
  });
});
