import { SignJWT, createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../subgraphs/shared/config.js';
import { ANONYMOUS, type Principal, type Role } from '../subgraphs/shared/principal.js';

const ROLES: readonly Role[] = ['customer', 'merchandiser', 'partner', 'admin'];

export class InvalidTokenError extends Error {}

/**
 * Customer and staff identity: JWTs verified with `jose` (HS256 with a configured secret, or a
 * real identity provider's JWKS). Development tokens are issued only outside production.
 */
export class TokenService {
  private readonly secret: Uint8Array;
  private readonly jwks: JWTVerifyGetKey | undefined;

  constructor(private readonly config: Pick<Config, 'jwt'>) {
    this.secret = new TextEncoder().encode(config.jwt.secret);
    this.jwks = config.jwt.jwksUrl ? createRemoteJWKSet(new URL(config.jwt.jwksUrl)) : undefined;
  }

  async issue(subject: string, role: Role = 'customer', scopes: string[] = []): Promise<string> {
    return new SignJWT({ role, scopes })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(subject)
      .setIssuer(this.config.jwt.issuer)
      .setAudience(this.config.jwt.audience)
      .setIssuedAt()
      .setExpirationTime(`${this.config.jwt.ttlSeconds}s`)
      .sign(this.secret);
  }

  /** The principal of a request: anonymous without a token, an error with a bad one. */
  async principalOf(authorization: string | undefined, gpcHeader: string | undefined): Promise<Principal> {
    const gpc = gpcHeader?.trim() === '1';
    if (!authorization) return { ...ANONYMOUS, gpc };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new InvalidTokenError('The Authorization header must be "Bearer <token>".');
    let payload: JWTPayload;
    try {
      const options = { issuer: this.config.jwt.issuer, audience: this.config.jwt.audience };
      payload = this.jwks
        ? (await jwtVerify(match[1], this.jwks, options)).payload
        : (await jwtVerify(match[1], this.secret, { ...options, algorithms: ['HS256'] })).payload;
    } catch {
      throw new InvalidTokenError('Your sign-in has expired or is not valid. Please sign in again.');
    }
    const role = payload.role === undefined ? 'customer' : payload.role;
    if (!ROLES.includes(role as Role)) throw new InvalidTokenError('Your sign-in token carries a role we do not know.');
    const scopes = Array.isArray(payload.scopes) ? payload.scopes.filter((s): s is string => typeof s === 'string') : [];
    if (!payload.sub) throw new InvalidTokenError('Your sign-in token names no one.');
    return { subject: payload.sub, role: role as Role, scopes, gpc };
  }
}
