import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Gateway-to-subgraph request signing (SPEC §3): `@requires` data arrives inside `_entities`
 * representations, so a subgraph must only believe requests the gateway made. The signature is
 * an HMAC-SHA256 over the timestamp, the method and path (with query string), the principal header
 * and the exact body bytes, so a captured signature cannot carry another operation.
 */
export const SIGNATURE_HEADERS = {
  timestamp: 'x-gateway-timestamp',
  principal: 'x-gateway-principal',
  signature: 'x-gateway-signature',
} as const;

/** What a signature covers besides its timestamp. */
export interface SignedParts {
  method: string;
  /** Path and query string, e.g. `/graphql`. */
  path: string;
  principal: string;
  body: string;
}

export function signRequest(secret: string, parts: SignedParts, now = Date.now()) {
  const timestamp = String(now);
  return {
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.principal]: parts.principal,
    [SIGNATURE_HEADERS.signature]: mac(secret, timestamp, parts),
  };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyRequest(
  secret: string,
  headers: { timestamp?: string; principal?: string; signature?: string },
  request: Omit<SignedParts, 'principal'>,
  maxAgeMs: number,
  now = Date.now(),
): SignatureCheck {
  const { timestamp, principal = '', signature } = headers;
  if (!timestamp || !signature) return { ok: false, reason: 'the request is not signed by the gateway' };
  const age = now - Number(timestamp);
  if (!Number.isFinite(age) || Math.abs(age) > maxAgeMs) return { ok: false, reason: 'the signature has expired' };
  const expected = Buffer.from(mac(secret, timestamp, { ...request, principal }), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'the signature does not match the request' };
  }
  return { ok: true };
}

function mac(secret: string, timestamp: string, parts: SignedParts): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}\n${parts.method.toUpperCase()} ${parts.path}\n${parts.principal}\n`)
    .update(parts.body)
    .digest('hex');
}
