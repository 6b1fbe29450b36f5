import type { Config, SubgraphName } from './config.js';

/**
 * Where each part answers: the one injected directory every service call and the gateway read
 * (configuration stays as it was parsed). Starts from the configured URLs; a process that starts
 * parts on free ports (`npm start` in one process, tests) registers each once it listens.
 */
export class PeerDirectory {
  private readonly urls: Record<SubgraphName, string> & Record<string, string>;

  constructor(initial: Readonly<Record<SubgraphName, string>>, partners: Readonly<Record<string, string>> = {}) {
    this.urls = { ...partners, ...initial };
  }

  static fromConfig(config: Pick<Config, 'subgraphUrls' | 'partners'>): PeerDirectory {
    return new PeerDirectory(config.subgraphUrls, Object.fromEntries(config.partners.map((p) => [p.name, p.url])));
  }

  /** A first-party subgraph, or a registered partner by its name. */
  urlOf(name: SubgraphName | string): string {
    return this.urls[name];
  }

  register(name: SubgraphName | string, url: string): void {
    this.urls[name] = url;
  }

  all(): Readonly<Record<SubgraphName, string>> {
    return { ...this.urls };
  }
}
