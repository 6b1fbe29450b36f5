import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import { gateSignals } from '../../shared/gate.js';
import type { KeyedMutex } from '../../shared/keyed-mutex.js';
import { DecisionRecord } from '../entities/decision.entity.js';
import { DEFAULT_POLICY, recommend } from '../engine/recommend.js';
import type { RequestContext } from '../engine/types.js';
import type { CatalogService } from './catalog.service.js';

export const MODEL_VERSION = 'content-context-v1';
export const MAX_ITEMS = 50;

export interface DecisionRequest {
  customerId: string | null;
  /** Straight from `@requires`: passed through the consent gate here, before any scoring. */
  grantedPurposes: unknown;
  storedSignals: unknown;
  context: RequestContext;
  first: number;
}

/** Decides a list, logs the decision under a fresh id, and reads decisions back. */
export class DecisionService {
  constructor(
    private readonly db: DataSource,
    private readonly catalog: CatalogService,
    private readonly writes: KeyedMutex,
    private readonly clock: Clock,
  ) {}

  async decide(request: DecisionRequest): Promise<DecisionRecord> {
    const signals = gateSignals(request.grantedPurposes, request.storedSignals);
    const catalog = await this.catalog.current();
    const result = recommend({ catalog, signals, context: request.context, first: request.first, policy: DEFAULT_POLICY });
    const record = Object.assign(new DecisionRecord(), {
      decisionId: randomUUID(),
      customerId: request.customerId,
      surface: request.context.surface,
      inputs: {
        signalsUsedPerPurpose: result.usedPerPurpose,
        context: { ...request.context },
      },
      policy: { ...DEFAULT_POLICY },
      items: result.items,
      modelVersion: MODEL_VERSION,
      holdout: false,
      personalized: result.personalized,
      createdAt: this.clock.now().toISOString(),
    });
    await this.writes.run('db', () => this.db.getRepository(DecisionRecord).insert(record));
    return record;
  }

  find(decisionId: string): Promise<DecisionRecord | null> {
    return this.db.getRepository(DecisionRecord).findOneBy({ decisionId });
  }
}
