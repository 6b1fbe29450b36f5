import type { Config, SubgraphName } from './config.js';

/**
 * Where each part answers: the one injected directory every service call and the gateway read
 * (configuration stays as it was parsed). Starts from the configured URLs; a process that starts
 * parts on free ports (`npm start` in one process, tests) registers each once it listens.
 */
export class PeerDirectory {
  private readonly urls: Record<SubgraphName, string>;

  constructor(initial: Readonly<Record<SubgraphName, string>>) {
    this.urls = { ...initial };
  }

  static fromConfig(config: Pick<Config, 'subgraphUrls'>): PeerDirectory {
    return new PeerDirectory(config.subgraphUrls);
  }

  urlOf(name: SubgraphName): string {
    return this.urls[name];
  }

  register(name: SubgraphName, url: string): void {
    this.urls[name] = url;
  }

  all(): Readonly<Record<SubgraphName, string>> {
    return { ...this.urls };
  }
}
