import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parseFormData } from './form.ts';
import { EventLog } from '../events/log.ts';
import { createLogger } from '../logger.ts';
import { openSqliteStore } from '../store/sqlite/index.ts';
import type { SessionRepository } from '../store/state-types.ts';
import { viewerRoutes } from './routes.tsx';
import { IDLE_MS, StoreSessions, sessionCookie } from './session.ts';

describe('viewer sessions', () => {
  it('issue random ids, expire after idling and forget deleted ones', async () => {
    let now = 1_000;
    const sqlite = openSqliteStore(':memory:');
    const store = new StoreSessions(sqlite.sessions, () => now);
    const a = await store.create('arkistonhoitaja.a');
    const b = await store.create('arkistonhoitaja.a');
    expect(a.id).not.toBe(b.id);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await store.get(a.id))?.archivistId).toBe('arkistonhoitaja.a');
    now += IDLE_MS + 1;
    expect(await store.get(a.id)).toBeUndefined();
    await store.delete(b.id);
    expect(await store.get(b.id)).toBeUndefined();
    expect(await store.get('not-an-id')).toBeUndefined();
    expect(await store.get(undefined)).toBeUndefined();
    await sqlite.close();
  });

  it('are kept in the store: a restart of a file store signs nobody out, sign-out ends it for good', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kantasim-sessions-'));
    try {
      const file = join(dir, 'kantasim.db');
      const first = openSqliteStore(file);
      const session = await new StoreSessions(first.sessions).create('arkistonhoitaja.a');
      await first.close();
      const second = openSqliteStore(file);
      const sessions = new StoreSessions(second.sessions);
      expect((await sessions.get(session.id))?.archivistId).toBe('arkistonhoitaja.a');
      await sessions.delete(session.id);
      expect(await sessions.get(session.id)).toBeUndefined();
      // A cookie value that cannot be an id is ignored, not sent to the store.
      await expect(sessions.delete('x'.repeat(10_000))).resolves.toBeUndefined();
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answer a store failure with the 500 page, never an unhandled rejection', async () => {
    const store = openSqliteStore(':memory:');
    const broken = (): Promise<never> => Promise.reject(new Error('the database went away'));
    const repo: SessionRepository = {
      create: broken,
      get: broken,
      touch: broken,
      delete: broken,
      deleteIdle: broken,
    };
    const viewer = viewerRoutes({
      store,
      events: new EventLog(store),
      logger: createLogger('silent'),
      sessions: new StoreSessions(repo),
    });
    const app = express();
    app.use('/viewer', viewer.router);
    const cookie = `kantasim_viewer=${'A'.repeat(43)}`;
    const page = await request(app).get('/viewer/find').set('Cookie', cookie);
    expect(page.status).toBe(500);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const out = await request(app)
      .post('/viewer/sign-out')
      .set('Cookie', cookie)
      .set('Sec-Fetch-Site', 'same-origin');
    expect(out.status).toBe(500);
    viewer.closeStreams();
    await store.close();
  });

  it('read the session cookie among others', async () => {
    const app = express();
    app.get('/', (req, res) => {
      res.json({ id: sessionCookie(req) ?? null });
    });
    const res = await request(app).get('/').set('Cookie', 'a=1; kantasim_viewer=abc; b=2');
    expect(res.body).toEqual({ id: 'abc' });
  });
});

describe('multipart form reading', () => {
  it('reads text fields and an uploaded file as UTF-8', () => {
    const boundary = '----kantasim42';
    const body = Buffer.from(
      [
        `--${boundary}`,
        'Content-Disposition: form-data; name="expected"',
        '',
        '{"title": "Lähete"}',
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="odotetut.json"',
        'Content-Type: application/json',
        '',
        '{"title": "Äö"}',
        `--${boundary}--`,
        '',
      ].join('\r\n'),
      'utf8',
    );
    const parts = parseFormData(body, `multipart/form-data; boundary=${boundary}`);
    expect(parts).toEqual([
      { name: 'expected', value: '{"title": "Lähete"}' },
      { name: 'file', filename: 'odotetut.json', value: '{"title": "Äö"}' },
    ]);
    expect(parseFormData(body, 'application/json')).toBeUndefined();
  });
});
