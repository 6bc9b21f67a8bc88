import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../simulator/server.ts';
import { json, startTestSimulator } from '../support/sim.ts';
import { ARCHIVISTS, PERSON, seedViewerData, type Seeded } from '../support/viewer-seed.ts';

let sim: RunningServer;
let seeded: Seeded;
beforeAll(async () => {
  sim = await startTestSimulator();
  seeded = await seedViewerData(sim.url);
});
afterAll(async () => {
  await sim.close();
});

async function signIn(archivist: string, passcode = ''): Promise<Response> {
  return fetch(`${sim.url}/viewer/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
    body: new URLSearchParams({ archivist, passcode }).toString(),
    redirect: 'manual',
  });
}

async function cookieFor(archivist: string, passcode = ''): Promise<string> {
  const res = await signIn(archivist, passcode);
  expect(res.status).toBe(303);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

// These tests read the English viewer (the default is Finnish; viewer-i18n tests cover fi and sv).
const get = (path: string, cookie?: string): Promise<Response> =>
  fetch(`${sim.url}${path}`, {
    headers: { 'Accept-Language': 'en', ...(cookie === undefined ? {} : { Cookie: cookie }) },
    redirect: 'manual',
  });

describe('viewer over HTTP', () => {
  it('sends strangers to the sign-in page and refuses the event stream without a session', async () => {
    const page = await get('/viewer/find');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/viewer/sign-in');
    expect((await get('/viewer/live/stream')).status).toBe(401);
    expect(
      (await get('/viewer/find', 'kantasim_viewer=forged-but-well-formed-id-0000000000000000000')).status,
    ).toBe(303);
  });

  it('sets an HttpOnly SameSite=Strict cookie on sign-in and forgets the session on sign-out', async () => {
    const res = await signIn(ARCHIVISTS.kuusijarvi);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(
      /^kantasim_viewer=[A-Za-z0-9_-]{43}; Path=\/viewer; HttpOnly; SameSite=Strict$/,
    );
    const cookie = setCookie.split(';')[0] ?? '';
    expect((await get('/viewer/find', cookie)).status).toBe(200);
    const out = await fetch(`${sim.url}/viewer/sign-out`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' },
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect((await get('/viewer/find', cookie)).status).toBe(303);
  });

  it('asks for the passcode of accounts that have one, and refuses inactive accounts', async () => {
    const created = await json(sim.url, 'POST', '/registry/archivists', {
      id: 'koodillinen',
      name: 'Koodi Kirjaaja',
      registerController: '1.2.246.10.3210987.19.0',
      passcode: 'oikea-koodi-123',
    });
    expect(created.status).toBe(201);
    expect((await signIn('koodillinen', 'väärä-koodi')).status).toBe(401);
    expect((await signIn('koodillinen')).status).toBe(401);
    expect((await signIn('koodillinen', 'oikea-koodi-123')).status).toBe(303);
    await json(sim.url, 'POST', '/registry/archivists', {
      id: 'poistunut',
      name: 'Poistunut',
      registerController: '1.2.246.10.3210987.19.0',
      active: false,
    });
    expect((await signIn('poistunut')).status).toBe(401);
    expect((await signIn('ei-ole-olemassa')).status).toBe(401);
  });

  it('refuses cross-site form posts', async () => {
    const res = await fetch(`${sim.url}/viewer/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'cross-site' },
      body: `archivist=${ARCHIVISTS.kuusijarvi}`,
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    const origin = await fetch(`${sim.url}/viewer/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://evil.example' },
      body: `archivist=${ARCHIVISTS.kuusijarvi}`,
      redirect: 'manual',
    });
    expect(origin.status).toBe(403);
  });

  it('puts the strict CSP and nosniff on pages, errors and assets', async () => {
    const cookie = await cookieFor(ARCHIVISTS.kuusijarvi);
    for (const path of ['/viewer/sign-in', '/viewer/find', '/viewer/nowhere', '/viewer/assets/viewer.css']) {
      const res = await get(path, cookie);
      expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    expect((await get('/viewer/assets/viewer.js')).headers.get('content-type')).toContain('text/javascript');
    expect((await get('/viewer/assets/..%2Froutes.tsx')).status).toBe(404);
  });

  it('serves the byte-exact XML as a plain-text download and logs it', async () => {
    const cookie = await cookieFor(ARCHIVISTS.kuusijarvi);
    const res = await get(`/viewer/documents/${seeded.hostile}/xml`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.xml"$/);
    const archived = await fetch(`${sim.url}/archive/documents/${seeded.hostile}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(await archived.arrayBuffer()))).toBe(true);
    const log = await (await get(`/viewer/access-log?patient=${PERSON}`, cookie)).text();
    expect(log).toContain('Document XML download');
  });

  it('resumes the live stream after Last-Event-ID or since, and refuses values that are not sequence numbers', async () => {
    const cookie = await cookieFor(ARCHIVISTS.kuusijarvi);
    const stream = (headers: Record<string, string>, query = ''): Promise<Response> =>
      fetch(`${sim.url}/viewer/live/stream${query}`, {
        headers: { 'Accept-Language': 'en', Cookie: cookie, ...headers },
        redirect: 'manual',
      });
    for (const [headers, query] of [
      [{ 'Last-Event-ID': 'abc' }, ''],
      [{ 'Last-Event-ID': '-1' }, ''],
      [{}, '?since=yesterday'],
    ] as const) {
      const res = await stream(headers, query);
      expect(res.status, `${JSON.stringify(headers)} ${query}`).toBe(400);
      await res.body?.cancel();
    }
    // From the start of the log: the archivist's own events replay (the seeded archive submissions).
    const controller = new AbortController();
    const res = await fetch(`${sim.url}/viewer/live/stream`, {
      headers: { Cookie: cookie, 'Last-Event-ID': '0' },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body?.getReader();
    let text = '';
    while (!/\nid: \d+/.test(text)) {
      const chunk = await reader?.read();
      if (chunk === undefined || chunk.done) break;
      text += Buffer.from(chunk.value).toString('utf8');
    }
    controller.abort();
    expect(text).toMatch(/\nid: \d+/);
  });

  it('answers bad input with a page, never a 500', async () => {
    const cookie = await cookieFor(ARCHIVISTS.kuusijarvi);
    const find = await get(
      '/viewer/find?patient=%3Cscript%3E&from=yesterday&repository=x&status=gone&organisation=abc',
      cookie,
    );
    expect(find.status).toBe(200);
    const html = await find.text();
    expect(html).toContain('Give an identity code');
    expect(html).toContain('Give a date as d.m.yyyy, e.g. 3.12.2026.');
    expect(html).not.toContain('<script>');
    expect((await get('/viewer/persons/%3Cscript%3E', cookie)).status).toBe(400);
    expect((await get('/viewer/documents/no.such.oid', cookie)).status).toBe(404);
    expect((await get('/viewer/documents/no.such.oid/diff?with=x', cookie)).status).toBe(404);
    expect(
      (await get(`/viewer/documents/${seeded.visitV2}/diff?with=${seeded.hostile}`, cookie)).status,
    ).toBe(404);
    expect((await get('/viewer/appointments/%3Cx%3E', cookie)).status).toBe(404);
    const compare = await fetch(`${sim.url}/viewer/documents/${seeded.visitV2}/compare`, {
      method: 'POST',
      headers: {
        Cookie: cookie,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Sec-Fetch-Site': 'same-origin',
        // The compare page's messages follow the reader's language; this asserts the English one.
        'Accept-Language': 'en',
      },
      body: 'expected=%7Bnot%20json',
    });
    expect(compare.status).toBe(400);
    expect(await compare.text()).toContain('not valid JSON');
    const broken = await fetch(`${sim.url}/viewer/documents/${seeded.visitV2}/compare`, {
      method: 'POST',
      headers: {
        Cookie: cookie,
        'Content-Type': 'multipart/form-data; boundary=x',
        'Sec-Fetch-Site': 'same-origin',
      },
      body: 'garbage',
    });
    expect(broken.status).toBe(400);
  });
});
