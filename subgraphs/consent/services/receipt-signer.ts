import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../shared/config.js';

export const RECEIPT_KEY_FILE = 'consent-receipt-key.pem';

export interface PublishedReceiptKey {
  algorithm: 'Ed25519';
  keyId: string;
  publicKeyPem: string;
  jwk: { kty: string; crv: string; x: string };
}

/**
 * Ed25519 signing of consent receipts (node:crypto). The private key comes from configuration, or
 * is generated once and kept under DATA_DIR (mode 0600) so receipts stay verifiable across restarts.
 */
export class ReceiptSigner {
  readonly keyId: string;
  private readonly publicKey: KeyObject;

  constructor(private readonly privateKey: KeyObject) {
    this.publicKey = createPublicKey(privateKey);
    const der = this.publicKey.export({ type: 'spki', format: 'der' });
    this.keyId = createHash('sha256').update(der).digest('hex').slice(0, 16);
  }

  static fromConfig(config: Pick<Config, 'receiptPrivateKeyPem' | 'dataDir'>): ReceiptSigner {
    if (config.receiptPrivateKeyPem) return new ReceiptSigner(parseEd25519(config.receiptPrivateKeyPem, 'RECEIPT_PRIVATE_KEY_PEM'));
    const file = path.join(config.dataDir, RECEIPT_KEY_FILE);
    if (!fs.existsSync(file)) {
      const { privateKey } = generateKeyPairSync('ed25519');
      fs.mkdirSync(config.dataDir, { recursive: true });
      // 'wx': never overwrite a key another process wrote meanwhile.
      try {
        fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    return new ReceiptSigner(parseEd25519(fs.readFileSync(file, 'utf8'), file));
  }

  sign(document: string): string {
    return sign(null, Buffer.from(document, 'utf8'), this.privateKey).toString('base64url');
  }

  published(): PublishedReceiptKey {
    const jwk = this.publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
    return {
      algorithm: 'Ed25519',
      keyId: this.keyId,
      publicKeyPem: this.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      jwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x },
    };
  }

  /** A keyed hash (HMAC-SHA256 under a key derived from the signing key): unguessable without it. */
  keyedHash(purpose: string, value: string): string {
    const key = createHash('sha256')
      .update(this.privateKey.export({ type: 'pkcs8', format: 'der' }))
      .update(purpose)
      .digest();
    return createHmac('sha256', key).update(value).digest('hex');
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
