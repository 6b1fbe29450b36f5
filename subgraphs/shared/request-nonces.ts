import type { ApolloServerPlugin } from '@apollo/server';
import { Column, Entity, LessThan, PrimaryColumn, Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { Clock } from './clock.js';
import type { SubgraphContext } from './context.js';
import { ErrorCode } from './errors.js';
import { columns } from './migration-columns.js';
import { refusal } from './refusal.js';
import { writeConflictOf, type Transactions } from './transactions.js';

/** The nonce of each signed mutation this part accepted, kept while its signature could still be replayed. */
@Entity('signed_request_nonces')
export class SignedRequestNonceRecord {
  @PrimaryColumn('varchar', { length: 64 })
  nonce: string;

  /** When the signature stops being valid; the row may go after that. */
  @Column('varchar', { length: 32 })
  expiresAt: string;
}

export const NONCE_ENTITIES = [SignedRequestNonceRecord];

/** Old rows are swept by every instance now and then; nothing depends on when. */
const PRUNE_EVERY_CLAIMS = 200;

/**
 * Replay protection for signed mutations, kept by the database: a nonce is accepted once (primary
 * key), so a captured `setConsent` sent again within the signature's 30 s is refused on every
 * instance. Reads are not recorded: replaying one changes nothing and answers only what the captured
 * exchange already showed, and recording it would make every read write a row.
 */
export class RequestNonces {
  private claims = 0;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  /** True the first time `nonce` is seen; false for a replay. */
  async claim(nonce: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.tx.queued(() => this.tx.db.getRepository(SignedRequestNonceRecord).insert({ nonce, expiresAt: expiresAt.toISOString() }));
    } catch (error) {
      if (writeConflictOf(error) === 'unique') return false;
      throw error;
    }
    if (++this.claims % PRUNE_EVERY_CLAIMS === 0) {
      void this.prune().catch((e: Error) => console.error('[subgraph] pruning signed-request nonces failed', e.message));
    }
    return true;
  }

  /** Removes the nonces whose signatures expired; returns how many. */
  async prune(): Promise<number> {
    const cutoff = this.clock.now().toISOString();
    const result = await this.tx.queued(() => this.tx.db.getRepository(SignedRequestNonceRecord).delete({ expiresAt: LessThan(cutoff) }));
    return result.affected ?? 0;
  }
}

/** Refuses a mutation whose signed nonce was already used (UNSIGNED_REQUEST), before any resolver runs. */
export function refuseReplayedMutations(nonces: RequestNonces): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ operation, contextValue }) {
          const signature = contextValue.signature;
          if (operation.operation !== 'mutation' || !signature) return null;
          if (await nonces.claim(signature.nonce, signature.validUntil)) return null;
          return refusal(ErrorCode.UNSIGNED_REQUEST, 'Refused: this signed request was already received once. Send requests through the gateway.');
        },
      };
    },
  };
}

/** The table, for each subgraph's migrations. */
export class SignedRequestNoncesTable implements MigrationInterface {
  name = 'SignedRequestNoncesTable1799193600300';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: 'signed_request_nonces', columns: columns({ nonce: 'key', expiresAt: 'time' }) }));
    await q.createIndex('signed_request_nonces', new TableIndex({ columnNames: ['expiresAt'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('signed_request_nonces');
  }
}
