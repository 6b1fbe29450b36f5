import { Authorized, Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { SELF } from '../../shared/authorization.js';
import type { SubgraphContext } from '../../shared/context.js';
import { badInput, forbidden } from '../../shared/errors.js';
import type { LedgerProofService } from '../services/ledger-proof.js';
import { Customer } from '../types/consent.types.js';
import { SignedLedgerProof } from '../types/ledger.types.js';

@Resolver(() => Customer)
export class LedgerProofResolver {
  constructor(private readonly proofs: LedgerProofService) {}

  @FieldResolver(() => SignedLedgerProof, {
    description: 'Your consent ledger as a verifiable chain: every entry with its hashes, and the head, signed by the consent key.',
  })
  @Authorized(SELF)
  ledgerProof(@Root() customer: Customer): Promise<SignedLedgerProof> {
    return this.proofs.chainOf(customer.id);
  }

  @Query(() => SignedLedgerProof, {
    nullable: true,
    description:
      'The signed tombstone an erasure left of a ledger (hashes only): a customer asks for their own (with the token they had), administrators for anyone’s. Null if never erased.',
  })
  @Authorized('customer', 'admin')
  ledgerTombstone(
    @Ctx() { principal }: SubgraphContext,
    @Arg('customerId', () => ID, { nullable: true }) customerId?: string,
  ): Promise<SignedLedgerProof | null> {
    const subject = principal.role === 'customer' ? principal.subject : customerId;
    if (principal.role === 'customer' && customerId && customerId !== subject) throw forbidden('You can only ask for your own ledger’s tombstone.');
    if (!subject) throw badInput('Name the customer whose tombstone you want.', { field: 'customerId' });
    return this.proofs.tombstoneOf(subject);
  }
}
