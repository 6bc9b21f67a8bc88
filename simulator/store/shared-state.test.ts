/**
 * Stateless instances: viewer sessions, sign-in throttling and FHIR page tokens live in the store, so
 * two stores on one database (two kantasim instances) see each other's. SQLite shows the single-store
 * behaviour; PostgreSQL shows the sharing.
 */
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite/index.ts';
import { openPostgresStore } from './postgres/index.ts';
import { IDLE_MS, StoreSessions } from '../viewer/session.ts';
import { StoreSignInThrottle } from '../viewer/sign-in-throttle.ts';
import { PageCursors } from '../fhir/paging.ts';
import { freshSchemaUrl } from '../../test/setup/postgres-store.ts';

describe('store-backed viewer sessions, throttle and page tokens (SQLite)', () => {
  it('sessions issue random ids, expire after idling and forget deleted ones', async () => {
    const store = openSqliteStore(':memory:');
    let now = 1_000;
    const sessions = new StoreSessions(store.sessions, () => now);
    const a = await sessions.create('arkistonhoitaja.a');
    const b = await sessions.create('arkistonhoitaja.a');
    expect(a.id).not.toBe(b.id);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await sessions.get(a.id))?.archivistId).toBe('arkistonhoitaja.a');
    now += IDLE_MS + 1;
    expect(await sessions.get(a.id)).toBeUndefined();
    await sessions.delete(b.id);
    expect(await sessions.get(b.id)).toBeUndefined();
    expect(await sessions.get('not-an-id')).toBeUndefined();
    await store.close();
  });

  it('the throttle blocks after the limit until the oldest failure leaves the window', async () => {
    const store = openSqliteStore(':memory:');
    let now = 0;
    const throttle = new StoreSignInThrottle(store.rateLimits, { maxFailures: 3, windowMs: 1000 }, () => now);
    for (const at of [0, 100, 200]) {
      now = at;
      await throttle.failed('acct');
    }
    now = 300;
    expect(await throttle.blockedFor('acct')).toBe(700);
    now = 1001;
    expect(await throttle.blockedFor('acct')).toBe(0);
    await throttle.failed('acct');
    await throttle.succeeded('acct');
    expect(await throttle.blockedFor('acct')).toBe(0);
    await store.close();
  });

  it('page tokens are stored by flush and expire after 15 minutes', async () => {
    const store = openSqliteStore(':memory:');
    let now = 0;
    const cursors = new PageCursors(store.pageTokens, () => now);
    const state = {
      kind: 'search' as const,
      resourceType: 'Appointment',
      params: [['_offset', ['10']]] as [string, string[]][],
    };
    const token = cursors.put(state);
    await cursors.flush();
    expect(await cursors.get(token)).toEqual(state);
    expect(await cursors.get('bad token')).toBeUndefined();
    now = 15 * 60_000 + 1;
    expect(await cursors.get(token)).toBeUndefined();
    await store.close();
  });
});

describe('two instances on one PostgreSQL share sessions, throttle and page tokens', () => {
  it('a session, a failure count and a page token made through one store are seen through the other', async () => {
    const url = freshSchemaUrl('shared');
    const a = await openPostgresStore(url);
    const b = await openPostgresStore(url);

    const session = await new StoreSessions(a.sessions).create('arkistonhoitaja.a');
    expect((await new StoreSessions(b.sessions).get(session.id))?.archivistId).toBe('arkistonhoitaja.a');
    await new StoreSessions(b.sessions).delete(session.id);
    expect(await new StoreSessions(a.sessions).get(session.id)).toBeUndefined();

    const limits = { maxFailures: 4, windowMs: 60_000 };
    const throttles = [
      new StoreSignInThrottle(a.rateLimits, limits),
      new StoreSignInThrottle(b.rateLimits, limits),
    ];
    // Spread over both instances, the failures still add up to one account's limit.
    await Promise.all([0, 1, 2, 3].map((i) => (throttles[i % 2] ?? throttles[0])!.failed('acct')));
    expect(await throttles[0]?.blockedFor('acct')).toBeGreaterThan(0);
    expect(await throttles[1]?.blockedFor('acct')).toBeGreaterThan(0);

    const cursors = new PageCursors(a.pageTokens);
    const token = cursors.put({ kind: 'history', resourceType: 'Appointment', params: [] });
    await cursors.flush();
    expect(await new PageCursors(b.pageTokens).get(token)).toEqual({
      kind: 'history',
      resourceType: 'Appointment',
      params: [],
    });
    await Promise.all([a.close(), b.close()]);
  });
});
