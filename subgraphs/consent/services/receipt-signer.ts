import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { IsNull, type DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import type { Config } from '../../shared/config.js';
import { lockKeys, type Transactions } from '../../shared/transactions.js';
import { ReceiptSigningKeyRecord } from '../entities/receipt-signing-key.entity.js';

/** Where versions before the shared key set kept their generated key; imported so its receipts still verify. */
export const LEGACY_RECEIPT_KEY_FILE = 'consent-receipt-key.pem';

/** One public key as a JWK (RFC 8037, OKP / Ed25519), with its PEM form for tools that want it. */
export interface PublishedKey {
  kty: string;
  crv: string;
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
  publicKeyPem: string;
  /** Signs new receipts now; the others verify receipts issued earlier. */
  current: boolean;
}

/**
 * `/.well-known/consent-receipt-key`: the key set (`keys`, every key ever used, newest first), and
 * for older clients the current key's fields at the top level.
 */
export interface PublishedKeySet {
  algorithm: 'Ed25519';
  keyId: string;
  publicKeyPem: string;
  jwk: { kty: string; crv: string; x: string };
  keys: PublishedKey[];
}

/** How long an instance keeps signing with the key it read before looking for a newer one. */
const CURRENT_KEY_TTL_MS = 30_000;

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/**
 * Ed25519 signing of consent receipts with one key set shared by every consent instance: the keys
 * live in the consent database (a configured `RECEIPT_PRIVATE_KEY_PEM` is added to it and becomes
 * current), none is ever deleted, and every one is published, so every receipt ever issued
 * verifies. Rotation adds a key and retires the others; instances pick it up within 30 s.
 */
export class ReceiptSigner {
  private current: { key: KeyObject; keyId: string; readAt: number } | null = null;
  private tombstoneKey: Buffer | null = null;
  private readonly publicHalves = new Map<string, Omit<PublishedKey, 'current'>>();

  private constructor(
    private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  /** Opens the key set, adding the configured or legacy key, or generating the first one. */
  static async open(
    db: DataSource,
    tx: Transactions,
    clock: Clock,
    config: Pick<Config, 'receiptPrivateKeyPem' | 'dataDir'>,
  ): Promise<ReceiptSigner> {
    const signer = new ReceiptSigner(db, tx, clock);
    const legacyFile = path.join(config.dataDir, LEGACY_RECEIPT_KEY_FILE);
    if (fs.existsSync(legacyFile)) await signer.add(parseEd25519(fs.readFileSync(legacyFile, 'utf8'), legacyFile), 'current-if-none');
    if (config.receiptPrivateKeyPem) await signer.add(parseEd25519(config.receiptPrivateKeyPem, 'RECEIPT_PRIVATE_KEY_PEM'), 'current');
    else await signer.add(null, 'current-if-none');
    await signer.currentKey();
    return signer;
  }

  /** The key id that `sign` uses now. */
  async currentKeyId(): Promise<string> {
    return (await this.currentKey()).keyId;
  }

  /** Signs the text `write` makes for the current key's id (the document names the key that signed it). */
  async sign(write: (keyId: string) => string): Promise<{ text: string; signature: string; keyId: string }> {
    const { key, keyId } = await this.currentKey();
    const text = write(keyId);
    return { text, signature: sign(null, Buffer.from(text, 'utf8'), key).toString('base64url'), keyId };
  }

  /** Adds a new key that signs from now on; earlier keys stay published. Returns its id. */
  async rotate(): Promise<string | null> {
    const { privateKey } = generateKeyPairSync('ed25519');
    const keyId = await this.add(privateKey, 'current');
    this.current = null;
    return keyId;
  }

  async published(): Promise<PublishedKeySet> {
    const rows = await this.db.getRepository(ReceiptSigningKeyRecord).find({ order: { createdAt: 'DESC', keyId: 'ASC' } });
    const keys = rows.map((row): PublishedKey => ({ ...this.publicHalf(row), current: row.retiredAt === null }));
    const current = keys.find((k) => k.current) ?? keys[0];
    return {
      algorithm: 'Ed25519',
      keyId: current.kid,
      publicKeyPem: current.publicKeyPem,
      jwk: { kty: current.kty, crv: current.crv, x: current.x },
      keys,
    };
  }

  /** A key's public half, derived once per key (keys never change; only whether they are current). */
  private publicHalf(row: ReceiptSigningKeyRecord): Omit<PublishedKey, 'current'> {
    let half = this.publicHalves.get(row.keyId);
    if (!half) {
      const publicKey = createPublicKey(createPrivateKey(row.privateKeyPem));
      const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
      half = {
        kty: jwk.kty,
        crv: jwk.crv,
        x: jwk.x,
        kid: row.keyId,
        alg: 'EdDSA',
        use: 'sig',
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      };
      this.publicHalves.set(row.keyId, half);
    }
    return half;
  }

  /**
   * A keyed hash (HMAC-SHA256 under a key derived from the oldest signing key, so it stays the same
   * across rotations and instances): unguessable without it.
   */
  async keyedHash(purpose: string, value: string): Promise<string> {
    if (!this.tombstoneKey) {
      const oldest = await this.db.getRepository(ReceiptSigningKeyRecord).findOneOrFail({ where: {}, order: { createdAt: 'ASC', keyId: 'ASC' } });
      this.tombstoneKey = createHash('sha256')
        .update(createPrivateKey(oldest.privateKeyPem).export({ type: 'pkcs8', format: 'der' }))
        .digest();
    }
    const key = createHash('sha256').update(this.tombstoneKey).update(purpose).digest();
    return createHmac('sha256', key).update(value).digest('hex');
  }

  private async currentKey(): Promise<{ key: KeyObject; keyId: string }> {
    const now = Date.now();
    if (this.current && now - this.current.readAt < CURRENT_KEY_TTL_MS) return this.current;
    const row = await this.db
      .getRepository(ReceiptSigningKeyRecord)
      .findOneOrFail({ where: { retiredAt: IsNull() }, order: { createdAt: 'DESC', keyId: 'ASC' } });
    this.current = { key: createPrivateKey(row.privateKeyPem), keyId: row.keyId, readAt: now };
    return this.current;
  }

  /**
   * Adds a key unless present. 'current' retires every other key; 'current-if-none' makes it current
   * only when no key is current (`null`: generate one then). Of instances starting together, the
   * first to take the database lock decides; the others see its key.
   */
  private async add(privateKey: KeyObject | null, mode: 'current' | 'current-if-none'): Promise<string | null> {
    return this.tx.run(async (manager) => {
      await lockKeys(manager, ['receipt-signing-keys'], 'exclusive');
      const now = this.clock.now().toISOString();
      const active = await manager.findBy(ReceiptSigningKeyRecord, { retiredAt: IsNull() });
      const makeCurrent = mode === 'current' || active.length === 0;
      const key = privateKey ?? (makeCurrent ? generateKeyPairSync('ed25519').privateKey : null);
      if (!key) return null;
      const keyId = keyIdOf(createPublicKey(key));
      const existing = await manager.findOneBy(ReceiptSigningKeyRecord, { keyId });
      if (existing?.retiredAt) {
        // A key once retired (rotated away, perhaps compromised) never signs again, even if still configured.
        if (mode === 'current')
          console.warn(`[consent] RECEIPT_PRIVATE_KEY_PEM holds key ${keyId}, which was retired; the current key stays in use.`);
        return keyId;
      }
      if (makeCurrent) {
        for (const other of active)
          if (other.keyId !== keyId) await manager.update(ReceiptSigningKeyRecord, { keyId: other.keyId }, { retiredAt: now });
      }
      if (!existing) await manager.insert(ReceiptSigningKeyRecord, this.row(key, makeCurrent ? null : now));
      return keyId;
    });
  }

  private row(privateKey: KeyObject, retiredAt: string | null): ReceiptSigningKeyRecord {
    return {
      keyId: keyIdOf(createPublicKey(privateKey)),
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      createdAt: this.clock.now().toISOString(),
      retiredAt,
    };
  }
}

/** Verifies a receipt with nothing but the published public key (PEM). */
export function verifyReceipt(document: string, signature: string, publicKeyPem: string): boolean {
  try {
    return verify(null, Buffer.from(document, 'utf8'), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

function parseEd25519(pem: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error(`${source} does not hold a PEM private key.`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${source} must be an Ed25519 private key, not ${key.asymmetricKeyType}.`);
  return key;
}
