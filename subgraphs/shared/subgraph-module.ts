import type { DataSource } from 'typeorm';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { PeerDirectory } from './peers.js';
import type { SubgraphServer } from './subgraph-server.js';

/** What every subgraph's `create…Subgraph` returns: built, migrated, not yet listening. */
export interface SubgraphModule<Services> extends SubgraphServer {
  dataSource: DataSource;
  services: Services;
  /** Starts the background jobs (the entry points call it; building starts none). */
  start(): void;
  /** Stops Apollo, timers and the database. */
  close(): Promise<void>;
}

export interface SubgraphOptions {
  config: Config;
  /** Where the other parts answer; defaults to the configured URLs. */
  peers?: PeerDirectory;
  clock?: Clock;
  /** `:memory:` in unit tests. */
  sqliteFile?: string;
}

type Stopper = () => Promise<unknown> | unknown;

/**
 * Assembles a subgraph module that closes in a safe order: background jobs first (so nothing
 * writes while stopping), then the GraphQL server, then outbound connection pools, then the DB.
 */
export function assembleSubgraph<Services>(parts: {
  server: SubgraphServer;
  dataSource: DataSource;
  services: Services;
  startJobs?: (() => void)[];
  stopJobs?: Stopper[];
  releaseConnections?: Stopper[];
}): SubgraphModule<Services> {
  let closing: Promise<void> | null = null;
  return {
    ...parts.server,
    dataSource: parts.dataSource,
    services: parts.services,
    start() {
      for (const start of parts.startJobs ?? []) start();
    },
    close() {
      // Once, however many callers (a signal handler and the code that started it).
      closing ??= (async () => {
        for (const stop of parts.stopJobs ?? []) await stop();
        await parts.server.stop();
        for (const release of parts.releaseConnections ?? []) await release();
        if (parts.dataSource.isInitialized) await parts.dataSource.destroy();
      })();
      return closing;
    },
  };
}
