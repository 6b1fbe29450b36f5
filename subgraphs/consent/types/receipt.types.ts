import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
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

/** The forms every receipt is issued in. */
export enum ReceiptFormat {
  KANTARA_1_1 = 'KANTARA_1_1',
  DPV_27560 = 'DPV_27560',
}
registerEnumType(ReceiptFormat, {
  name: 'ReceiptFormat',
  description:
    'KANTARA_1_1: Kantara Consent Receipt 1.1 JSON, signed over its exact text. DPV_27560: ISO/IEC TS 27560 receipt in the W3C DPV-27560 JSON-LD profile, with a detached signature over its JCS (RFC 8785) canonical form.',
});

/** One form of a receipt as signed. */
export interface SignedReceiptForm {
  document: string;
  signature: string;
  keyId: string;
}

@ObjectType({ description: 'A signed consent receipt, in the Kantara CR 1.1 and the ISO/IEC TS 27560 (DPV) forms.' })
export class ConsentReceipt {
  @Field(() => ID) receiptId: string;
  @Field(() => String) issuedAt: string;
  @Field(() => [String], { description: 'The purposes decided in this receipt.' }) purposes: string[];
  @Field(() => ReceiptDataRemoval) dataRemoval: ReceiptDataRemoval;
  @Field(() => ID, { nullable: true, description: 'On a follow-up receipt: the receipt whose pending deletions are now complete.' })
  followUpOf: string | null;
  @Field(() => String) algorithm: string;
  /** `document`, `signature` and `keyId` per format (field resolvers with a `format` argument); DPV null until backfilled. */
  forms: Record<ReceiptFormat, SignedReceiptForm | null>;
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
    algorithm: 'Ed25519',
    forms: {
      [ReceiptFormat.KANTARA_1_1]: { document: record.document, signature: record.signature ?? '', keyId: record.keyId ?? '' },
      [ReceiptFormat.DPV_27560]:
        record.dpvDocument && record.dpvSignature && record.dpvKeyId
          ? { document: record.dpvDocument, signature: record.dpvSignature, keyId: record.dpvKeyId }
          : null,
    },
  };
}
