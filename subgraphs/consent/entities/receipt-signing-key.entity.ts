import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A consent receipt signing key, shared by every consent instance. Never deleted: its public half
 * stays published so the receipts it signed keep verifying. The current key is the newest one
 * not retired.
 */
@Entity('receipt_signing_keys')
export class ReceiptSigningKeyRecord {
  /** The first 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  @PrimaryColumn('varchar', { length: 64 })
  keyId: string;

  @Column('text')
  privateKeyPem: string;

  @Column('varchar', { length: 32 })
  createdAt: string;

  @Column('varchar', { length: 32, nullable: true })
  retiredAt: string | null;
}
