import { forbidden, unauthenticated } from './errors.js';

/** Who is asking, as verified by the gateway and handed to subgraphs in a signed header. */
export type Role = 'customer' | 'merchandiser' | 'partner' | 'admin' | 'service';

export interface Principal {
  /** Absent for anonymous visitors. */
  subject?: string;
  role?: Role;
  /** For partners and services: the purposes or feeds they may read. */
  scopes: string[];
  /** The request carried `Sec-GPC: 1`. */
  gpc: boolean;
  /** The client application the request says it came from (`apollographql-client-name`), if any. */
  client?: string;
}

/** The scope a partner token needs to follow the consent change feed; it then sees its scoped purposes only. */
export const CHANGE_FEED_SCOPE = 'consent:changes';

export const ANONYMOUS: Principal = { scopes: [], gpc: false };

export function encodePrincipal(p: Principal): string {
  return Buffer.from(JSON.stringify(p)).toString('base64url');
}

export function decodePrincipal(header: string | undefined): Principal {
  if (!header) return ANONYMOUS;
  const parsed = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Partial<Principal>;
  return {
    subject: typeof parsed.subject === 'string' ? parsed.subject : undefined,
    role: parsed.role,
    scopes: Array.isArray(parsed.scopes) ? parsed.scopes.filter((s) => typeof s === 'string') : [],
    gpc: parsed.gpc === true,
    client: typeof parsed.client === 'string' ? parsed.client : undefined,
  };
}

/** The signed-in customer's id, or UNAUTHENTICATED. */
export function requireCustomer(p: Principal): string {
  if (p.role !== 'customer' || !p.subject) throw unauthenticated();
  return p.subject;
}

export function requireRole(p: Principal, ...roles: Role[]): void {
  if (!p.role) throw unauthenticated();
  if (!roles.includes(p.role)) throw forbidden();
}

/** A customer reads and changes only themself; administrators and internal services may act on anyone. */
export function mayAccessCustomer(p: Principal, customerId: string): boolean {
  return p.role === 'admin' || p.role === 'service' || (p.role === 'customer' && p.subject === customerId);
}

/** A customer reads and changes only themself; staff roles and internal services may act on anyone. */
export function assertMayAccessCustomer(p: Principal, customerId: string): void {
  if (!p.role) throw unauthenticated();
  if (p.role === 'admin' || p.role === 'service') return;
  if (p.role === 'customer' && p.subject === customerId) return;
  throw forbidden('You can only see and change your own data.');
}
