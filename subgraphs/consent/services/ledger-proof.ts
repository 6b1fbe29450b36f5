import { type DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import {
  canonicalText,
  GENESIS_HASH,
  JCS,
  LEDGER_CHAIN_TYPE,
  LEDGER_TOMBSTONE_TYPE,
  type LedgerEntry,
  type TombstoneFields,
} from '../../shared/consent-proof.js';
import type { ConsentDecisionRecord } from '../entities/consent-decision.entity.js';
import { LedgerTombstoneRecord } from '../entities/ledger-tombstone.entity.js';
import type { LedgerService } from './ledger.service.js';
import type { ReceiptSigner } from './receipt-signer.js';

/** A document and its detached Ed25519 signature over the document's JCS form. */
export interface SignedProof {
  document: string;
  signature: string;
  algorithm: 'Ed25519';
  keyId: string;
}

const HASH_RULE =
  'SHA-256 (hex) of the UTF-8 JSON array [decisionId, customerId, purpose, noticeVersion, status, method, origin, occurredAt, expiresAt, prevHash]; the first entry links to 64 zeros';

export function toLedgerEntry(d: ConsentDecisionRecord): LedgerEntry {
  const { seq, decisionId, customerId, purpose, noticeVersion, status, method, origin, occurredAt, expiresAt, prevHash, hash } = d;
  return { seq, decisionId, customerId, purpose, noticeVersion, status, method, origin, occurredAt, expiresAt, prevHash, hash };
}

/** A customer's ledger as a verifiable chain: every entry with its hashes, and the head the signature vouches for. */
export function ledgerChainDocument(input: { subject: string; controller: string; issuedAt: string; entries: LedgerEntry[] }, keyId: string) {
  const last = input.entries[input.entries.length - 1];
  return {
    type: LEDGER_CHAIN_TYPE,
    version: 1,
    controller: input.controller,
    subject: input.subject,
    issuedAt: input.issuedAt,
    entryHash: HASH_RULE,
    genesis: GENESIS_HASH,
    entries: input.entries,
    head: { hash: last?.hash ?? GENESIS_HASH, entryCount: input.entries.length },
    signature: { algorithm: 'Ed25519' as const, keyId, canonicalization: JCS },
  };
}

/** What remains of an erased customer's ledger, signed: a keyed hash of the id, the head hash and the length. */
export function tombstoneDocument(input: TombstoneFields & { hash: string; controller: string; issuedAt: string }, keyId: string) {
  return {
    type: LEDGER_TOMBSTONE_TYPE,
    version: 1,
    controller: input.controller,
    issuedAt: input.issuedAt,
    subjectHash: input.subjectHash,
    headHash: input.headHash,
    entryCount: input.entryCount,
    erasedAt: input.erasedAt,
    hash: input.hash,
    hashRule: 'SHA-256 (hex) of the UTF-8 JSON array [subjectHash, headHash, entryCount, erasedAt]',
    signature: { algorithm: 'Ed25519' as const, keyId, canonicalization: JCS },
  };
}

/** Ledger proofs a customer can check offline: their chain now, or after erasure their tombstone. Reads only. */
export class LedgerProofService {
  constructor(
    private readonly db: DataSource,
    private readonly ledger: LedgerService,
    private readonly signer: ReceiptSigner,
    private readonly clock: Clock,
    private readonly controller: string,
  ) {}

  async chainOf(customerId: string): Promise<SignedProof> {
    const entries = (await this.ledger.decisionsOf(customerId)).map(toLedgerEntry);
    const input = { subject: customerId, controller: this.controller, issuedAt: this.clock.now().toISOString(), entries };
    return this.signed((kid) => ledgerChainDocument(input, kid));
  }

  /** Whether erasing this customer left a tombstone. */
  async hasTombstone(customerId: string): Promise<boolean> {
    const subjectHash = await this.signer.keyedHash('ledger-tombstone', customerId);
    return (await this.db.getRepository(LedgerTombstoneRecord).countBy({ subjectHash })) > 0;
  }

  /** The latest tombstone left by erasing this customer, or null if they were never erased. */
  async tombstoneOf(customerId: string): Promise<SignedProof | null> {
    const subjectHash = await this.signer.keyedHash('ledger-tombstone', customerId);
    const row = await this.db.getRepository(LedgerTombstoneRecord).findOne({ where: { subjectHash }, order: { id: 'DESC' } });
    if (!row) return null;
    const input = { ...row, controller: this.controller, issuedAt: this.clock.now().toISOString() };
    return this.signed((kid) => tombstoneDocument(input, kid));
  }

  private async signed(build: (keyId: string) => object): Promise<SignedProof> {
    const { text, signature, keyId } = await this.signer.sign((kid) => canonicalText(build(kid)));
    return { document: text, signature, algorithm: 'Ed25519', keyId };
  }
}
