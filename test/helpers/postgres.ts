import pg from 'pg';
import { TEST_DATABASE_URL } from './config.js';

/** The machine's PostgreSQL (trust auth), used when the run is not on PostgreSQL already. */
const SERVER = 'postgres://postgres@127.0.0.1:5432';

export type PostgresForTest = { url: string; release(): Promise<void> } | { unavailable: string };

/**
 * A PostgreSQL database for tests that need one whatever the run's database (several instances of
 * a part share one database only on PostgreSQL): the run's own when it is on PostgreSQL (each test
 * configuration has its own schemas there), otherwise a scratch database dropped on release.
 */
export async function postgresForTest(): Promise<PostgresForTest> {
  if (TEST_DATABASE_URL) return { url: TEST_DATABASE_URL, release: async () => undefined };
  const admin = new pg.Client({ connectionString: `${SERVER}/test`, connectionTimeoutMillis: 2_000 });
  try {
    await admin.connect();
  } catch (error) {
    return { unavailable: `PostgreSQL is not reachable at ${SERVER} (${(error as Error).message})` };
  }
  const name = `cfp_test_${process.pid}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: `${SERVER}/${name}`,
    async release() {
      const client = new pg.Client({ connectionString: `${SERVER}/test` });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
