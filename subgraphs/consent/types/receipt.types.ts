import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { ReceiptRecord } from '../entities/receipt.entity.js';
import type { ReceiptDocument } from '../services/receipt-document.js';

@ObjectType({ description: 'Data one subgraph deleted because a purpose stopped counting.' })
export class ReceiptRemovedData {
  @Field(() => String) subgraph: string;
  @Field(() => String) purpose: string;
  @Field(() => String) category: string;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'A deletion a subgraph has not confirmed yet; it is retried until it does.' })
export class PendingDeletion {
  @Field(() => String) subgraph: string;
  @Field(() => String) purpose: string;
}

@ObjectType()
export class ReceiptDataRemoval {
  @Field(() => String, {
    description: 'NOT_APPLICABLE (nothing revoked), COMPLETE, PENDING or FAILED (a deletion was given up on after every retry).',
  })
  status: string;
  @Field(() => [ReceiptRemovedData]) removed: ReceiptRemovedData[];
  @Field(() => [PendingDeletion]) pending: PendingDeletion[];
  @Field(() => [PendingDeletion], { description: 'Deletions dead-lettered after every retry; our operators are alerted.' })
  failed: PendingDeletion[];
}

@ObjectType({ description: 'A signed consent receipt (Kantara CR 1.1 / ISO/IEC TS 27560 shape).' })
export class ConsentReceipt {
  @Field(() => ID) receiptId: string;
  @Field(() => String) issuedAt: string;
  @Field(() => [String], { description: 'The purposes decided in this receipt.' }) purposes: string[];
  @Field(() => ReceiptDataRemoval) dataRemoval: ReceiptDataRemoval;
  @Field(() => ID, { nullable: true, description: 'On a follow-up receipt: the receipt whose pending deletions are now complete.' })
  followUpOf: string | null;
  @Field(() => String, { description: 'The receipt as signed: verify these exact bytes (UTF-8).' }) document: string;
  @Field(() => String, { description: 'Ed25519 signature over `document`, base64url.' }) signature: string;
  @Field(() => String) algorithm: string;
  @Field(() => String, { description: 'Which published key signed it (see receiptPublicKey).' }) keyId: string;
}

@ObjectType({ description: 'The public key receipts are signed with; also at GET /.well-known/consent-receipt-key.' })
export class ReceiptPublicKey {
  @Field(() => String) algorithm: string;
  @Field(() => String) keyId: string;
  @Field(() => String) publicKeyPem: string;
}

export function toConsentReceipt(record: ReceiptRecord): ConsentReceipt {
  const document = JSON.parse(record.document) as ReceiptDocument;
  return {
    receiptId: record.receiptId,
    issuedAt: record.issuedAt,
    purposes: document.services.flatMap((s) => s.purposes.map((p) => p.purposeId)),
    dataRemoval: { ...document.dataRemoval, failed: document.dataRemoval.failed ?? [] },
    followUpOf: record.followUpOf,
    document: record.document,
    signature: record.signature ?? '',
    algorithm: 'Ed25519',
    keyId: record.keyId ?? '',
  };
}
