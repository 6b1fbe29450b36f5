import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitConfig, RateLimitedAction } from '../subgraphs/shared/config.js';
import { ErrorCode, errorBody } from '../subgraphs/shared/errors.js';
import { measureOperation, namedType } from './limits.js';
import type { GatewayContext } from './signed-data-source.js';

/** Who is asking: the token's subject when signed in, and always the client's address. */
export interface Requester {
  identity: string | undefined;
  address: string;
}

/** Refused: wait this many seconds. */
export interface RateLimitRefusal {
  retryAfterSeconds: number;
}

/** Every list of this type the gateway resolves writes one decision to the log (anonymous ones too). */
const DECISION_WRITING_TYPE = 'RecommendationList';

/**
 * Per-identity and per-address budgets for mutations, token issuing and decision writes, counted
 * in Redis when configured, so that every gateway instance draws on the same budget; otherwise in
 * this process (one instance). Should Redis fail, counting goes on in memory rather than refusing
 * everyone or no one.
 */
export class RateLimits {
  private readonly limiters: Record<RateLimitedAction, { identity: RateLimiterAbstract; address: RateLimiterAbstract }>;
  private readonly redis: Redis | undefined;

  constructor(config: RateLimitConfig) {
    // Without the offline queue a command fails at once while Redis is away (the memory limiter takes over).
    this.redis = config.redisUrl ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
    this.redis?.on('error', () => {}); // reconnects on its own; each refused command falls back to memory
    const limiter = (keyPrefix: string, points: number): RateLimiterAbstract => {
      const options = { keyPrefix: `${config.keyPrefix}:${keyPrefix}`, points, duration: config.windowSeconds };
      return this.redis
        ? new RateLimiterRedis({ ...options, storeClient: this.redis, insuranceLimiter: new RateLimiterMemory(options) })
        : new RateLimiterMemory(options);
    };
    this.limiters = Object.fromEntries(
      Object.entries(config.budgets).map(([action, budget]) => [
        action,
        { identity: limiter(`${action}:identity`, budget.perIdentity), address: limiter(`${action}:address`, budget.perAddress) },
      ]),
    ) as RateLimits['limiters'];
  }

  /** Draws `points` from the requester's budgets for the action; a refusal says how long to wait. */
  async consume(action: RateLimitedAction, who: Requester, points = 1): Promise<RateLimitRefusal | null> {
    if (points <= 0) return null;
    const { identity, address } = this.limiters[action];
    try {
      if (who.identity) await identity.consume(who.identity, points);
      await address.consume(who.address, points);
      return null;
    } catch (error) {
      if (error instanceof RateLimiterRes) return { retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
      throw error;
    }
  }

  /** Waits (a short while) for Redis, so the first requests are counted there too. */
  async ready(timeoutMs = 2_000): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      redis.once('ready', () => (clearTimeout(timer), resolve(true)));
    });
    if (!connected) console.warn('[gateway] Redis for rate limits is not reachable yet; counting in memory until it is');
  }

  async close(): Promise<void> {
    this.redis?.disconnect();
  }
}

const refusalMessage = (r: RateLimitRefusal) =>
  `Too many requests at once. Please wait ${r.retryAfterSeconds} second${r.retryAfterSeconds === 1 ? '' : 's'} and try again.`;

/** Express: refuses a request past its budget with 429, RATE_LIMITED and Retry-After. */
export function rateLimited(limits: RateLimits, action: RateLimitedAction, identityOf: (req: Request) => string | undefined) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const refusal = await limits.consume(action, { identity: identityOf(req), address: clientAddress(req) });
      if (!refusal) return next();
      res
        .status(429)
        .set('Retry-After', String(refusal.retryAfterSeconds))
        .json(errorBody(ErrorCode.RATE_LIMITED, refusalMessage(refusal)));
    } catch (error) {
      next(error);
    }
  };
}

/**
 * GraphQL: once an operation has passed validation and the query limits, a mutation draws one
 * point per mutation field and any operation one decision point per recommendation list it asks
 * for (aliases and fragments included, lists inside lists multiplied by their page sizes).
 */
export function rateLimitPlugin(limits: RateLimits): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ operation, document, schema, request, contextValue }) {
          if (!operation) return null;
          const variables = request.variables ?? {};
          const who: Requester = { identity: contextValue.principal.subject, address: contextValue.clientAddress };
          const mutationType = schema.getMutationType();
          const mutations =
            operation.operation === 'mutation'
              ? measureOperation(schema, document, operation, variables, (parent) => parent.name === mutationType?.name).counted
              : 0;
          const decisions = measureOperation(
            schema,
            document,
            operation,
            variables,
            (_parent, field) => namedType(field.type).name === DECISION_WRITING_TYPE,
          ).counted;
          const refusal = (await limits.consume('mutations', who, mutations)) ?? (await limits.consume('decisions', who, decisions));
          if (!refusal) return null;
          return {
            http: { status: 429, headers: new HeaderMap([['retry-after', String(refusal.retryAfterSeconds)]]) },
            body: { kind: 'single', singleResult: errorBody(ErrorCode.RATE_LIMITED, refusalMessage(refusal)) },
          };
        },
      };
    },
  };
}

/** The address the request came from (the proxy's, unless Express is told to trust one). */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
