import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** PENDING: written with its decisions, awaiting the withdrawal reports; ISSUED: final and signed. */
export type ReceiptStatus = 'PENDING' | 'ISSUED';

/** A consent receipt (Kantara CR 1.1 / ISO/IEC TS 27560 shape); `document` is exactly what was signed. */
@Entity('consent_receipts')
@Index(['customerId', 'issuedAt'])
@Index(['customerId', 'idempotencyKey'], { unique: true })
export class ReceiptRecord {
  @PrimaryColumn('varchar', { length: 64 })
  receiptId: string;

  @Column('varchar', { length: 64 })
  customerId: string;

  @Column('varchar', { length: 32 })
  issuedAt: string;

  @Column('varchar', { length: 24 })
  status: ReceiptStatus;

  /** Canonical JSON. While PENDING it lacks the data-removal section and is unsigned. */
  @Column('text')
  document: string;

  /** Ed25519 signature over `document`, base64url. */
  @Column('varchar', { length: 255, nullable: true })
  signature: string | null;

  @Column('varchar', { length: 64, nullable: true })
  keyId: string | null;

  /** Issued while a deletion was still pending: a follow-up receipt is due once all are confirmed. */
  @Column('boolean', { default: false })
  removalPending: boolean;

  /** A follow-up receipt names the receipt whose pending deletions it reports complete. */
  @Column('varchar', { length: 64, nullable: true })
  followUpOf: string | null;

  /** The same receipt as a DPV-27560 JSON-LD record, in its JCS canonical form (null on receipts issued before it existed, until backfilled). */
  @Column('text', { nullable: true })
  dpvDocument: string | null;

  /** Ed25519 signature over the JCS form of `dpvDocument`, base64url (detached). */
  @Column('varchar', { length: 255, nullable: true })
  dpvSignature: string | null;

  @Column('varchar', { length: 64, nullable: true })
  dpvKeyId: string | null;

  /** The client's key for the request that made these decisions: a retry returns this receipt. */
  @Column('varchar', { length: 64, nullable: true })
  idempotencyKey: string | null;

  /** A hash of what that request asked, so a key reused for a different change is refused. */
  @Column('varchar', { length: 64, nullable: true })
  requestFingerprint: string | null;
}
