/** Verifies a consent receipt's Ed25519 signature in the browser (WebCrypto), with the published key. */
export type SignatureCheck = 'verified' | 'invalid' | 'unsupported';

export async function verifyReceiptSignature(document: string, signatureBase64Url: string, publicKeyPem: string): Promise<SignatureCheck> {
  if (!globalThis.crypto?.subtle) return 'unsupported';
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('spki', pemToBytes(publicKeyPem), { name: 'Ed25519' }, false, ['verify']);
  } catch {
    return 'unsupported';
  }
  try {
    const ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, base64UrlToBytes(signatureBase64Url), new TextEncoder().encode(document));
    return ok ? 'verified' : 'invalid';
  } catch {
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
