import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { DataSource, type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';
import type { Config, SubgraphName } from './config.js';

/**
 * TypeORM calls `verbose()` on the SQLite driver, which wraps every statement to capture a stack
 * trace (an Error per call, a measurable share of a `signals` read). Hand it the plain driver.
 */
const plainSqlite: typeof sqlite3 = Object.assign(Object.create(sqlite3) as typeof sqlite3, { verbose: () => plainSqlite });

export interface DatabaseOptions {
  /** A first-party subgraph, or a partner by its registered name. */
  name: SubgraphName | string;
  config: Pick<Config, 'dataDir' | 'databaseUrl' | 'databaseSchemaPrefix'>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** `:memory:` for unit tests; otherwise `<dataDir>/<name>.sqlite`. */
  sqliteFile?: string;
}

/**
 * Each subgraph owns its own database (SPEC §2): an SQLite file under DATA_DIR, or its own
 * PostgreSQL schema when DATABASE_URL is set. Tables come from migrations, never `synchronize`.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  const { name, config } = options;
  const common = { entities: options.entities, migrations: options.migrations, migrationsRun: false, logging: false };
  let dataSourceOptions: DataSourceOptions;
  const schema = `${config.databaseSchemaPrefix}${name}`;
  if (config.databaseUrl) {
    dataSourceOptions = { ...common, type: 'postgres', url: config.databaseUrl, schema };
  } else {
    const file = options.sqliteFile ?? path.join(config.dataDir, `${name}.sqlite`);
    if (file !== ':memory:') {
      // Personal data: readable by this service's user only. SQLite gives its -wal and -shm files the
      // database file's permissions.
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.closeSync(fs.openSync(file, 'a', 0o600));
      fs.chmodSync(file, 0o600);
    }
    dataSourceOptions = { ...common, type: 'sqlite', driver: plainSqlite, database: file, enableWAL: file !== ':memory:', busyErrorRetry: 50 };
  }
  const dataSource = new DataSource(dataSourceOptions);
  await dataSource.initialize();
  if (config.databaseUrl) await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await dataSource.runMigrations({ transaction: 'all' });
  return dataSource;
}
