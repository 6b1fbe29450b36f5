import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Config } from './config.js';
import type { SubgraphContext } from './context.js';
import { ErrorCode, createErrorFormatter, errorBody } from './errors.js';
import { decodePrincipal } from './principal.js';
import { RequestMemo } from './request-memo.js';
import { SIGNATURE_HEADERS, verifyRequest } from './signing.js';

export const MAX_SUBGRAPH_BODY = '2mb';

export interface SubgraphServerOptions {
  schema: GraphQLSchema;
  config: Pick<Config, 'nodeEnv' | 'gatewaySecret' | 'signatureMaxAgeMs'>;
  /** Extra public routes (for example /.well-known documents); mounted before /graphql. */
  routes?: (app: Express) => void;
  /** Runs once per signed request, before any resolver (for example recording a GPC signal). */
  beforeRequest?: (context: SubgraphContext) => Promise<void>;
}

export interface SubgraphServer {
  app: Express;
  schema: GraphQLSchema;
  apollo: ApolloServer<SubgraphContext>;
  stop(): Promise<void>;
}

/**
 * Builds (without listening) the HTTP app of one subgraph. `/graphql` only accepts requests
 * signed by the gateway; anything else gets UNSIGNED_REQUEST before GraphQL sees it.
 */
export async function createSubgraphServer(options: SubgraphServerOptions): Promise<SubgraphServer> {
  const { config } = options;
  const production = config.nodeEnv === 'production';
  const apollo = new ApolloServer<SubgraphContext>({
    schema: options.schema,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    // The entry point drains and closes everything on SIGTERM/SIGINT; Apollo's own handler would
    // re-raise the signal mid-way (exit 143, database left open).
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter({ log: (e) => console.error('[subgraph] unexpected error', e) }),
    // No cache hints are used (personal data is never cacheable), so skip their per-field hooks.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  options.routes?.(app);
  app.use(
    '/graphql',
    express.raw({ type: () => true, limit: MAX_SUBGRAPH_BODY }),
    requireGatewaySignature(config),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const context = { principal: decodePrincipal(req.get(SIGNATURE_HEADERS.principal)), memo: new RequestMemo() };
        await options.beforeRequest?.(context);
        return context;
      },
    }),
  );
  app.use(jsonErrorHandler);
  return { app, apollo, schema: options.schema, stop: () => apollo.stop() };
}

function requireGatewaySignature(config: SubgraphServerOptions['config']) {
  return (req: Request, res: Response, next: NextFunction) => {
    // Apollo would read a GET's operation from the URL, outside what the body signature covers.
    if (req.method !== 'POST') {
      res.status(405).json(errorBody(ErrorCode.BAD_REQUEST, 'Only POST requests signed by the gateway are accepted here.'));
      return;
    }
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const check = verifyRequest(
      config.gatewaySecret,
      {
        timestamp: req.get(SIGNATURE_HEADERS.timestamp),
        principal: req.get(SIGNATURE_HEADERS.principal),
        signature: req.get(SIGNATURE_HEADERS.signature),
      },
      { method: req.method, path: req.originalUrl, body: raw },
      config.signatureMaxAgeMs,
    );
    if (!check.ok) {
      res.status(401).json(errorBody(ErrorCode.UNSIGNED_REQUEST, `Refused: ${check.reason}. Send requests through the gateway.`));
      return;
    }
    try {
      req.body = raw.length > 0 ? JSON.parse(raw) : {};
    } catch {
      res.status(400).json(errorBody(ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.'));
      return;
    }
    next();
  };
}

function jsonErrorHandler(err: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) {
  if (res.headersSent) return next(err);
  if (err.type === 'entity.too.large') {
    res.status(413).json(errorBody(ErrorCode.PAYLOAD_TOO_LARGE, 'The request is too large.'));
    return;
  }
  console.error('[subgraph] request failed', err);
  res.status(500).json(errorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Something went wrong on our side.'));
}
