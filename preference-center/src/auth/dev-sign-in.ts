import { startSession, type Session } from './session.js';

/** Development sign-in: pick a seeded customer and get a token from the gateway (never in production). */
export interface DevCustomer {
  id: string;
  displayName: string | null;
}

/** `unavailable` and `failed` are said when the gateway's answer gives no message of its own. */
export async function listDevCustomers(unavailable: string): Promise<DevCustomer[]> {
  const response = await fetch('/auth/dev-customers', { headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => ({}))) as { customers?: DevCustomer[] };
  if (!response.ok || !body.customers) throw new Error(messageOf(body, unavailable));
  return body.customers;
}

export async function signInAsDevCustomer(customerId: string, failed: string): Promise<Session> {
  const response = await fetch('/auth/dev-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customerId }),
  });
  const body = (await response.json().catch(() => ({}))) as { token?: string; expiresInSeconds?: number };
  if (!response.ok || !body.token) throw new Error(messageOf(body, failed));
  const session = { token: body.token, customerId, expiresAt: Date.now() + (body.expiresInSeconds ?? 3600) * 1000 };
  startSession(session);
  return session;
}

function messageOf(body: unknown, fallback: string): string {
  const message = (body as { errors?: { message?: string }[] }).errors?.[0]?.message;
  return typeof message === 'string' ? message : fallback;
}
