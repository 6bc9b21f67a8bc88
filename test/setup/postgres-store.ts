/**
 * For test files: a fresh, empty PostgreSQL store in the cluster global-postgres.ts started, one new
 * schema each, so tests never see each other's data and need no new database.
 */
import { randomBytes } from 'node:crypto';
import { openPostgresStore, type PostgresStore } from '../../simulator/store/postgres/index.ts';

export function testPostgresUrl(): string {
  const url = process.env.KANTASIM_TEST_PG_URL;
  if (!url)
    throw new Error('KANTASIM_TEST_PG_URL is not set: run through vitest (test/setup/global-postgres.ts)');
  return url;
}

/** A store URL with a schema of its own. */
export function freshSchemaUrl(prefix = 't'): string {
  const url = new URL(testPostgresUrl());
  url.searchParams.set('schema', `${prefix}_${randomBytes(6).toString('hex')}`);
  return url.toString();
}

export function freshPostgresStore(): Promise<PostgresStore> {
  return openPostgresStore(freshSchemaUrl(), { max: 4 });
}
