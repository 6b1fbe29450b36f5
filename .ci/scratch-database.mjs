// Creates or drops the scratch database of one CI run: `node .ci/scratch-database.mjs create|drop <server> <name>`.
import pg from 'pg';

const [action, server, name] = process.argv.slice(2);
if (!/^[a-z0-9_]+$/.test(name ?? '')) throw new Error(`bad database name "${name}"`);
const client = new pg.Client({ connectionString: `${server}/test`, connectionTimeoutMillis: 3_000 });
try {
  await client.connect();
} catch (error) {
  console.error(`cannot reach PostgreSQL: ${error.message}`);
  process.exit(1);
}
await client.query(action === 'create' ? `CREATE DATABASE ${name}` : `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await client.end();
