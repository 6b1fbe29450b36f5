import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { SELF } from '../../shared/authorization.js';
import type { SubgraphContext } from '../../shared/context.js';
import { GPC_DENIED_PURPOSES } from '../../shared/purposes.js';
import type { GpcService } from '../services/gpc.service.js';
import type { ReceiptService } from '../services/receipt.service.js';
import { Customer } from '../types/consent.types.js';
import { GpcStatus } from '../types/gpc.types.js';
import { ConsentReceipt, toConsentReceipt } from '../types/receipt.types.js';

const EXPLANATIONS = {
  GPC_HONORED:
    'You had turned this on before; your browser then sent Global Privacy Control, so we turned it off. Turn it on again here if you want it despite GPC.',
  EXPLAINED:
    'You asked to turn this on while your browser sends Global Privacy Control; we explained the conflict first. A choice you make after that stands.',
} as const;

@Resolver(() => Customer)
export class CustomerPrivacyResolver {
  constructor(
    private readonly receiptService: ReceiptService,
    private readonly gpcService: GpcService,
  ) {}

  @FieldResolver(() => [ConsentReceipt], { description: 'A signed receipt for every decision, oldest first.' })
  @Authorized(SELF)
  async receipts(@Root() customer: Customer): Promise<ConsentReceipt[]> {
    return (await this.receiptService.issuedFor(customer.id)).map(toConsentReceipt);
  }

  @FieldResolver(() => GpcStatus, { nullable: true, description: 'Global Privacy Control as recorded for this customer.' })
  @Authorized(SELF)
  async gpc(@Root() customer: Customer, @Ctx() { principal }: SubgraphContext): Promise<GpcStatus> {
    const state = await this.gpcService.status(customer.id);
    return {
      honored: state.honored,
      since: state.since,
      sentNow: principal.gpc,
      deniedPurposes: state.honored ? [...GPC_DENIED_PURPOSES] : [],
      conflicts: state.conflicts.map((c) => ({ ...c, explanation: EXPLANATIONS[c.resolution] })),
    };
  }
}
