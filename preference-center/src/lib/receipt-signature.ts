import { verifySignedDocument, type ProofCrypto } from '../../../subgraphs/shared/consent-proof.js';

/**
 * Verifies what the consent service signs — receipts in either format, ledger chains, tombstones —
 * in the browser (WebCrypto Ed25519 and SHA-256), with the published keys.
 */
export type SignatureCheck = 'verified' | 'invalid' | 'unsupported';

export interface SignedDocument {
  document: string;
  signature: string;
}

export interface PublicKey {
  keyId: string;
  publicKeyPem: string;
}

class Unsupported extends Error {}

const webCrypto: ProofCrypto = {
  async verifyEd25519(message, signatureBase64Url, publicKeyPem) {
    let key: CryptoKey;
    try {
      key = await crypto.subtle.importKey('spki', pemToBytes(publicKeyPem), { name: 'Ed25519' }, false, ['verify']);
    } catch {
      throw new Unsupported();
    }
    try {
      return await crypto.subtle.verify({ name: 'Ed25519' }, key, base64UrlToBytes(signatureBase64Url), new Uint8Array(message));
    } catch {
      return false;
    }
  },
  async sha256Hex(text) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  },
};

export async function verifyInBrowser(signed: SignedDocument, keys: PublicKey[]): Promise<SignatureCheck> {
  if (!globalThis.crypto?.subtle) return 'unsupported';
  try {
    const result = await verifySignedDocument(signed, { keys: keys.map((k) => ({ kid: k.keyId, publicKeyPem: k.publicKeyPem })) }, webCrypto);
    return result.verdict === 'VALID' ? 'verified' : 'invalid';
  } catch (error) {
    if (error instanceof Unsupported) return 'unsupported';
    return 'invalid';
  }
}

function pemToBytes(pem: string): Uint8Array<ArrayBuffer> {
  return base64ToBytes(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''));
}

function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  return base64ToBytes(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
