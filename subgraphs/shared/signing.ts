import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Gateway-to-subgraph request signing (SPEC §3): `@requires` data arrives inside `_entities`
 * representations, so a subgraph must only believe requests the gateway made. The signature is
 * an HMAC-SHA256 over the timestamp, a random nonce, the subgraph it is meant for, the method and
 * path (with query string), the principal header and the exact body bytes, so a captured signature
 * cannot carry another operation nor be sent to another subgraph; a subgraph accepts a mutation's
 * nonce once (see request-nonces.ts).
 */
export const SIGNATURE_HEADERS = {
  timestamp: 'x-gateway-timestamp',
  principal: 'x-gateway-principal',
  nonce: 'x-gateway-nonce',
  signature: 'x-gateway-signature',
} as const;

/** What a signature covers besides its timestamp. */
export interface SignedParts {
  /** The subgraph the request is for (its name, e.g. `consent`). */
  target: string;
  method: string;
  /** Path and query string, e.g. `/graphql`. */
  path: string;
  principal: string;
  body: string;
}

export function signRequest(secret: string, parts: SignedParts, now = Date.now(), nonce = randomBytes(18).toString('base64url')) {
  const timestamp = String(now);
  return {
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.principal]: parts.principal,
    [SIGNATURE_HEADERS.signature]: mac(secret, timestamp, nonce, parts),
  };
}

export type SignatureCheck = { ok: true; nonce: string; validUntil: Date } | { ok: false; reason: string };

const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

export function verifyRequest(
  secret: string,
  headers: { timestamp?: string; nonce?: string; principal?: string; signature?: string },
  request: Omit<SignedParts, 'principal'>,
  maxAgeMs: number,
  now = Date.now(),
): SignatureCheck {
  const { timestamp, nonce, principal = '', signature } = headers;
  if (!timestamp || !signature || !nonce) return { ok: false, reason: 'the request is not signed by the gateway' };
  if (!NONCE.test(nonce)) return { ok: false, reason: 'the signature does not match the request' };
  const age = now - Number(timestamp);
  if (!Number.isFinite(age) || Math.abs(age) > maxAgeMs) return { ok: false, reason: 'the signature has expired' };
  const expected = Buffer.from(mac(secret, timestamp, nonce, { ...request, principal }), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'the signature does not match the request' };
  }
  return { ok: true, nonce, validUntil: new Date(Number(timestamp) + maxAgeMs) };
}

function mac(secret: string, timestamp: string, nonce: string, parts: SignedParts): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}\n${nonce}\n${parts.target}\n${parts.method.toUpperCase()} ${parts.path}\n${parts.principal}\n`)
    .update(parts.body)
    .digest('hex');
}
