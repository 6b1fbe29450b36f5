import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class LedgerBreak {
  @Field(() => Int) seq: number;
  @Field(() => String) customerId: string;
  @Field(() => String) reason: string;
}

@ObjectType({ description: 'The result of recomputing every hash chain of the consent ledger.' })
export class LedgerVerification {
  @Field(() => Boolean) ok: boolean;
  @Field(() => Int, { description: 'Entries checked up to and including the first broken one.' }) checked: number;
  @Field(() => Int, { description: "Erased customers' chains, proven by tombstones." }) tombstones: number;
  @Field(() => LedgerBreak, { nullable: true }) firstBroken: LedgerBreak | null;
}

@ObjectType({ description: 'One decision in the change feed.' })
export class ConsentChange {
  @Field(() => String, { description: 'Pass as `after` to continue from here.' }) cursor: string;
  @Field(() => ID) decisionId: string;
  @Field(() => ID) customerId: string;
  @Field(() => String) purpose: string;
  @Field(() => String) status: string;
  @Field(() => Int) noticeVersion: number;
  @Field(() => String) method: string;
  @Field(() => String) occurredAt: string;
  @Field(() => String, { nullable: true }) expiresAt: string | null;
}

@ObjectType()
export class ConsentChangePage {
  @Field(() => [ConsentChange]) changes: ConsentChange[];
  @Field(() => String, { nullable: true, description: 'The cursor of the last change; keep it to follow on.' }) endCursor: string | null;
  @Field(() => Boolean) hasNextPage: boolean;
}

@ObjectType({
  description:
    'A signed ledger proof (your chain, or an erased ledger’s tombstone): verify it offline with scripts/verify-receipt.ts or any Ed25519 + SHA-256 tool (docs/consent-vectors/README.md).',
})
export class SignedLedgerProof {
  @Field(() => String, { description: 'The proof, JSON in its JCS (RFC 8785) canonical form.' }) document: string;
  @Field(() => String, { description: 'Ed25519 signature over the JCS form of `document`, base64url.' }) signature: string;
  @Field(() => String) algorithm: string;
  @Field(() => String, { description: 'Which published key signed it.' }) keyId: string;
}
