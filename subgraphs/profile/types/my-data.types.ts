import { Field, ID, ObjectType } from 'type-graphql';
import { ErasureReport } from '../../shared/data-removal.types.js';

@ObjectType({ description: 'What erasing your data did, per part of our service. Holds no personal data.' })
export class ErasureReceipt {
  @Field(() => ID) receiptId: string;
  @Field(() => String) requestedAt: string;
  @Field(() => Boolean, { description: 'Every part confirmed, and the consent ledger keeps only an anonymous tombstone.' })
  complete: boolean;
  @Field(() => [ErasureReport]) reports: ErasureReport[];
  @Field(() => [String], { description: 'Parts that did not confirm yet; erasing again finishes the job safely.' })
  pending: string[];
  @Field(() => String) message: string;
}
