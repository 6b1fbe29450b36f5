import { Authorized, Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { SELF } from '../../shared/authorization.js';
import type { SubgraphContext } from '../../shared/context.js';
import type { DataExportService } from '../services/data-export.service.js';
import { ERASE_CONFIRMATION, type ErasureService } from '../services/erasure.service.js';
import { ErasureReceipt } from '../types/my-data.types.js';
import { Customer } from '../types/profile.types.js';

/** "My data" in the preference center: download everything, or erase everything. */
@Resolver(() => Customer)
export class MyDataResolver {
  constructor(
    private readonly exports: DataExportService,
    private readonly erasure: ErasureService,
  ) {}

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Null only when a part did not answer (the export is all or nothing). Everything every part of our service holds about you (consent ledger and receipts, preferences, events, decisions, explanations shown), as one JSON document.',
  })
  @Authorized(SELF)
  async dataExport(@Root() customer: Customer): Promise<string> {
    return this.exports.exportFor(customer.id);
  }

  @Mutation(() => ErasureReceipt, {
    description: `Erases you from every part of our service and every model. Pass confirm: "${ERASE_CONFIRMATION}". Safe to repeat.`,
  })
  @Authorized('customer')
  async eraseMe(@Ctx() { principal }: SubgraphContext, @Arg('confirm', () => String) confirm: string): Promise<ErasureReceipt> {
    return this.erasure.eraseEverywhere(principal.subject!, confirm);
  }
}
