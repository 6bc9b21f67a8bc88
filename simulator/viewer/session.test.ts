import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parseFormData } from './form.ts';
import { IDLE_MS, SessionStore, sessionCookie } from './session.ts';

describe('viewer sessions', () => {
  it('issue random ids, expire after idling and forget deleted ones', () => {
    let now = 1_000;
    const store = new SessionStore(() => now);
    const a = store.create('arkistonhoitaja.a');
    const b = store.create('arkistonhoitaja.a');
    expect(a.id).not.toBe(b.id);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.get(a.id)?.archivistId).toBe('arkistonhoitaja.a');
    now += IDLE_MS + 1;
    expect(store.get(a.id)).toBeUndefined();
    store.delete(b.id);
    expect(store.get(b.id)).toBeUndefined();
    expect(store.get('not-an-id')).toBeUndefined();
    expect(store.get(undefined)).toBeUndefined();
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
