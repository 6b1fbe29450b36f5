import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { decodeCursor, encodeCursor } from '../../shared/cursor.js';
import { badInput, forbidden } from '../../shared/errors.js';
import { requireRole, type Principal } from '../../shared/principal.js';
import { Purpose, isPurposeId } from '../../shared/purposes.js';
import type { ConsentService } from '../services/consent.service.js';
import type { LedgerService } from '../services/ledger.service.js';
import { ConsentChangePage, LedgerVerification } from '../types/ledger.types.js';

const MAX_PAGE = 500;
/** The scope a partner token needs to follow the change feed; it then sees its scoped purposes only. */
export const CHANGE_FEED_SCOPE = 'consent:changes';

@Resolver()
export class LedgerResolver {
  constructor(
    private readonly ledger: LedgerService,
    private readonly consent: ConsentService,
  ) {}

  @Query(() => LedgerVerification, {
    description: 'Recomputes the hash chains (all, or one customer’s) and names the first broken entry. Administrators.',
  })
  async verifyLedger(
    @Ctx() { principal }: SubgraphContext,
    @Arg('customerId', () => String, { nullable: true }) customerId?: string,
  ): Promise<LedgerVerification> {
    requireRole(principal, 'admin');
    return this.ledger.verify(customerId ?? undefined);
  }

  @Query(() => ConsentChangePage, { description: 'Consent decisions in ledger order, for downstream services and scoped partners.' })
  async consentChanges(
    @Ctx() { principal }: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ConsentChangePage> {
    const purposes = feedPurposes(principal);
    if (first < 1 || first > MAX_PAGE) throw badInput(`first must be between 1 and ${MAX_PAGE}.`, { field: 'first' });
    const rows = await this.ledger.changesAfter(after ? decodeCursor(after) : 0, first + 1, purposes);
    const page = rows.slice(0, first);
    const visible = principal.role === 'partner' ? await this.sharedWithPartners(page) : page;
    return {
      changes: visible.map((d) => ({ ...d, cursor: encodeCursor(d.seq) })),
      endCursor: page.length > 0 ? encodeCursor(page[page.length - 1].seq) : (after ?? null),
      hasNextPage: rows.length > first,
    };
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
  requireRole(principal, 'partner', 'service', 'admin');
  if (principal.role !== 'partner') return undefined;
  if (!principal.scopes.includes(CHANGE_FEED_SCOPE)) throw forbidden(`Following consent changes needs the "${CHANGE_FEED_SCOPE}" scope.`);
  return principal.scopes.filter(isPurposeId);
}
