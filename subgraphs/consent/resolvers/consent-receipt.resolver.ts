import { FieldResolver, Resolver, Root } from 'type-graphql';
import type { ReceiptService } from '../services/receipt.service.js';
import { Consent } from '../types/consent.types.js';
import { ConsentReceipt, toConsentReceipt } from '../types/receipt.types.js';

@Resolver(() => Consent)
export class ConsentReceiptResolver {
  constructor(private readonly receipts: ReceiptService) {}

  @FieldResolver(() => ConsentReceipt, { nullable: true, description: 'The signed receipt of the latest decision, with what a withdrawal removed.' })
  async receipt(@Root() consent: Consent): Promise<ConsentReceipt | null> {
    if (!consent.decisionId) return null;
    const record = await this.receipts.forDecision(consent.decisionId);
    return record?.status === 'ISSUED' ? toConsentReceipt(record) : null;
  }
}
