import type { DataSource } from 'typeorm';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { SubgraphServer } from './subgraph-server.js';

/** What every subgraph's `create…Subgraph` returns: built, migrated, not yet listening. */
export interface SubgraphModule<Services> extends SubgraphServer {
  dataSource: DataSource;
  services: Services;
  /** Stops Apollo, timers and the database. */
  close(): Promise<void>;
}

export interface SubgraphOptions {
  config: Config;
  clock?: Clock;
  /** `:memory:` in unit tests. */
  sqliteFile?: string;
}
