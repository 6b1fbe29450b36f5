import { Authorized, Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { decodeCursor, encodeCursor } from '../../shared/cursor.js';
import { badInput, forbidden } from '../../shared/errors.js';
import { CHANGE_FEED_SCOPE, type Principal } from '../../shared/principal.js';
import { Purpose, isPurposeId } from '../../shared/purposes.js';
import type { ConsentService } from '../services/consent.service.js';
import type { ConsentDecisionRecord } from '../entities/consent-decision.entity.js';
import type { LedgerService } from '../services/ledger.service.js';
import { ConsentChangePage, LedgerVerification } from '../types/ledger.types.js';

const MAX_PAGE = 500;
/** How many ledger rows one partner page reads at most while looking for rows it may show. */
const MAX_SCAN = 20 * MAX_PAGE;

@Resolver()
export class LedgerResolver {
  constructor(
    private readonly ledger: LedgerService,
    private readonly consent: ConsentService,
  ) {}

  @Query(() => LedgerVerification, {
    description: 'Recomputes the hash chains (all, or one customer’s) and names the first broken entry. Administrators.',
  })
  @Authorized('admin')
  async verifyLedger(@Arg('customerId', () => String, { nullable: true }) customerId?: string): Promise<LedgerVerification> {
    return this.ledger.verify(customerId ?? undefined);
  }

  @Query(() => ConsentChangePage, { description: 'Consent decisions in ledger order, for downstream services and scoped partners.' })
  @Authorized('partner', 'service', 'admin')
  async consentChanges(
    @Ctx() { principal }: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ConsentChangePage> {
    const purposes = feedPurposes(principal);
    if (first < 1 || first > MAX_PAGE) throw badInput(`first must be between 1 and ${MAX_PAGE}.`, { field: 'first' });
    const afterSeq = after ? decodeCursor(after) : 0;
    const { rows, capped, position } =
      principal.role === 'partner'
        ? await this.sharedAfter(afterSeq, first + 1, purposes)
        : { rows: await this.ledger.changesAfter(afterSeq, first + 1, purposes), capped: false, position: afterSeq };
    const page = rows.slice(0, first);
    // Past a long stretch the partner may not see, an empty page moves on to where reading stopped.
    const last = page.length > 0 ? page[page.length - 1].seq : capped ? position : null;
    return {
      changes: page.map((d) => ({ ...d, cursor: encodeCursor(d.seq) })),
      endCursor: last !== null ? encodeCursor(last) : (after ?? null),
      hasNextPage: rows.length > first || capped,
    };
  }

  /**
   * Up to `wanted` changes a partner may see after `afterSeq`, read on until that many are found,
   * so a page, its end cursor and `hasNextPage` count only what the partner sees, never the rows
   * left out. Reading stops after MAX_SCAN rows (`capped`, with the position reached).
   */
  private async sharedAfter(afterSeq: number, wanted: number, purposes: string[] | undefined) {
    const rows: ConsentDecisionRecord[] = [];
    let position = afterSeq;
    for (let scanned = 0; rows.length < wanted; scanned += MAX_PAGE) {
      if (scanned >= MAX_SCAN) return { rows, capped: true, position };
      const batch = await this.ledger.changesAfter(position, MAX_PAGE, purposes);
      rows.push(...(await this.sharedWithPartners(batch)));
      if (batch.length < MAX_PAGE) break;
      position = batch[batch.length - 1].seq;
    }
    return { rows, capped: false, position };
  }

  /** A partner only ever learns about customers who agree to sharing with partners right now. */
  private async sharedWithPartners<T extends { customerId: string }>(changes: T[]): Promise<T[]> {
    const sharing = new Map<string, boolean>();
    for (const id of new Set(changes.map((c) => c.customerId))) {
      sharing.set(id, (await this.consent.grantedPurposes(id)).includes(Purpose.SHARE_PARTNERS));
    }
    return changes.filter((c) => sharing.get(c.customerId));
  }
}

/** Services and admins follow everything; a partner needs the feed scope and sees only its purposes. */
function feedPurposes(principal: Principal): string[] | undefined {
  if (principal.role !== 'partner') return undefined;
  if (!principal.scopes.includes(CHANGE_FEED_SCOPE)) throw forbidden(`Following consent changes needs the "${CHANGE_FEED_SCOPE}" scope.`);
  return principal.scopes.filter(isPurposeId);
}
