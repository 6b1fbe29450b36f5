import fs from 'node:fs';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { disableVendorTelemetry, type Config, type SubgraphName } from '../subgraphs/shared/config.js';
import { ConsentClient } from '../subgraphs/shared/consent-client.js';
import { ServiceClient } from '../subgraphs/shared/service-client.js';
import { AppError, ErrorCode, createErrorFormatter, errorBody } from '../subgraphs/shared/errors.js';
import type { Principal } from '../subgraphs/shared/principal.js';
import { CALL_TIMEOUT_MS, createSignedFetches } from '../subgraphs/shared/signed-fetch.js';
import { SUPERGRAPH_PATH } from './supergraph-file.js';
import { InvalidTokenError, TokenService } from './auth.js';
import { DEFAULT_LIMITS, queryLimitsPlugin, type QueryLimits } from './limits.js';
import { finiteNumbersRule, noIntrospectionRule, noNulCharactersRule, operationChecksPlugin, withoutSuggestions } from './operation-checks.js';
import { PeerDirectory } from '../subgraphs/shared/peers.js';
import { SignedDataSource, type GatewayContext } from './signed-data-source.js';
import { RateLimits, clientAddress, rateLimitPlugin, rateLimited } from './rate-limits.js';

/** Each part as a person would name it, in the error shown when it does not answer. */
const PART_NAMES: Record<SubgraphName, string> = {
  consent: 'consent service (your privacy choices)',
  profile: 'profile service (your preferences and activity)',
  recommendations: 'recommendations service',
  explanations: 'explanations service ("why am I seeing this?")',
};
import { wellKnownRoutes } from './well-known.js';

// Large enough for a batch of 1,000 events, small enough to refuse abuse.
export const MAX_REQUEST_BODY = '512kb';
const DEV_CUSTOMER_PICKER_SIZE = 20;
/** The largest queries here (30 aliased lists, introspection) take under 1,500 tokens; batches travel in variables. */
export const MAX_QUERY_TOKENS = 5_000;

export interface GatewayOptions {
  config: Config;
  /** Where the parts answer; defaults to the configured URLs. */
  peers?: PeerDirectory;
  supergraphSdl?: string;
  limits?: QueryLimits;
}

export interface GatewayServer {
  app: express.Express;
  tokens: TokenService;
  stop(): Promise<void>;
}

/**
 * Builds the gateway without listening: the static supergraph, signed subgraph requests, token
 * verification, query limits, the development sign-in and the preference center at `/`.
 */
export async function createGateway(options: GatewayOptions): Promise<GatewayServer> {
  const { config } = options;
  const production = config.nodeEnv === 'production';
  // Each partner's requests are signed with that partner's own secret.
  const fetches = createSignedFetches(config.gatewaySecret, config.partners, CALL_TIMEOUT_MS.gateway);
  const signedFetch = fetches.shared;
  const tokens = new TokenService(config);
  const peers = options.peers ?? PeerDirectory.fromConfig(config);
  const consent = new ConsentClient(new ServiceClient(() => peers.urlOf('consent'), signedFetch, 'gateway', 'consent'));

  const rateLimits = new RateLimits(config.rateLimits);
  await rateLimits.ready();

  disableVendorTelemetry();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? fs.readFileSync(SUPERGRAPH_PATH, 'utf8'),
    // The supergraph names each subgraph; where it runs comes from configuration.
    // A partner composed in but not registered here answers at the supergraph's address.
    buildService: ({ name, url }) =>
      new SignedDataSource(
        peers.urlOf(name) ?? url,
        fetches.for(name),
        name,
        PART_NAMES[name as SubgraphName] ?? `${name} partner service`,
        config.partners.find((p) => p.name === name)?.allowedPurposes,
      ),
  });
  const formatError = createErrorFormatter({ log: (e) => console.error('[gateway] unexpected error', e) });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Production refuses introspection with its own rule: Apollo's refusal names the server software.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // GraphQL's own validation is not linear in every shape (same-named fields are compared in
    // pairs; fragment cycles are searched recursively): bound the document before it runs.
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    // The entry point drains and closes everything on SIGTERM/SIGINT; Apollo's own handler would
    // re-raise the signal mid-way (exit 143, database left open).
    stopOnTerminationSignals: false,
    formatError: production ? withoutSuggestions(formatError) : formatError,
    validationRules: [finiteNumbersRule, noNulCharactersRule, ...(production ? [noIntrospectionRule] : [])],
    plugins: [
      operationChecksPlugin(),
      queryLimitsPlugin(options.limits ?? DEFAULT_LIMITS),
      rateLimitPlugin(rateLimits),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  wellKnownRoutes(app, peers);

  if (!production) {
    const requestedCustomer = (req: Request) => (req.body as { customerId?: unknown } | undefined)?.customerId;
    const tokenBudget = rateLimited(rateLimits, 'tokens', (req) => {
      const customerId = requestedCustomer(req);
      return typeof customerId === 'string' ? customerId.slice(0, 64) : undefined;
    });
    app.post('/auth/dev-token', express.json({ limit: '4kb' }), tokenBudget, async (req, res) => {
      const customerId = requestedCustomer(req);
      if (typeof customerId !== 'string' || customerId.length === 0 || customerId.length > 64) {
        res.status(400).json(errorBody(ErrorCode.BAD_USER_INPUT, 'Send {"customerId": "<id of a seeded customer>"}.'));
        return;
      }
      if (!(await consent.customerExists(customerId))) {
        res.status(404).json(errorBody(ErrorCode.NOT_FOUND, `There is no customer "${customerId}".`));
        return;
      }
      res.json({ token: await tokens.issue(customerId), customerId, expiresInSeconds: config.jwt.ttlSeconds });
    });
    // The development sign-in's customer picker: the first seeded customers, never in production.
    app.get('/auth/dev-customers', async (_req, res) => {
      res.json({ customers: await consent.listCustomers(DEV_CUSTOMER_PICKER_SIZE) });
    });
  }

  // Apollo's own answer to other methods names the server software.
  app.all('/graphql', (req, res, next) => {
    if (req.method === 'GET' || req.method === 'POST') return next();
    res.status(405).set('Allow', 'GET, POST').json(errorBody(ErrorCode.BAD_REQUEST, 'Send GraphQL requests with POST (or GET for queries).'));
  });
  app.use(
    '/graphql',
    express.json({ limit: MAX_REQUEST_BODY }),
    authenticate(tokens),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({ principal: res.locals.principal as Principal, clientAddress: clientAddress(req) }),
    }),
  );

  servePreferenceCenter(app, config.preferenceCenterDir);
  // Any other path or method: the same coded JSON as every other error, not Express's HTML page.
  app.use((_req: Request, res: Response) => {
    res.status(404).json(errorBody(ErrorCode.NOT_FOUND, 'There is nothing at this address.'));
  });
  app.use(errorHandler);

  return {
    app,
    tokens,
    async stop() {
      await apollo.stop();
      await fetches.close();
      await rateLimits.close();
    },
  };
}

/** The client application a request names (informational: it says how a consent was collected). */
function clientName(header: string | undefined): string | undefined {
  return header && /^[a-z0-9][a-z0-9-]{0,39}$/.test(header) ? header : undefined;
}

/** Verifies the token before GraphQL runs: a bad token is refused, never downgraded to anonymous. */
function authenticate(tokens: TokenService) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const principal = await tokens.principalOf(req.get('authorization'), req.get('sec-gpc'));
      res.locals.principal = { ...principal, client: clientName(req.get('apollographql-client-name')) };
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The built preference center. Bundles under /assets/ are content-hashed, so they are cached for
 * good and a missing one is a plain 404; the page itself is revalidated every time, so a new build
 * is never paired with stale bundle names. Other paths are the app's routes: they get the page.
 */
function servePreferenceCenter(app: express.Express, dir: string): void {
  const index = path.join(dir, 'index.html');
  // The staff console: its own page and bundle (the API, not the page, checks the staff role).
  app.get(/^\/staff(\/.*)?$/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(
      path.join(dir, 'staff.html'),
      (error) => error && res.status(404).type('text/plain').send('The staff console is not built yet: run `npm run build:web`.'),
    );
  });
  app.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!graphql|auth|health|\.well-known|assets\/).*/, (_req, res) => {
    if (!fs.existsSync(index)) {
      res.status(404).type('text/plain').send('The preference center is not built yet: run `npm run build:web`.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  // Only this origin: no third-party scripts, fonts, frames or pixels.
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  );
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
}

function errorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(err);
  if (err instanceof InvalidTokenError) {
    res.status(401).json(errorBody(ErrorCode.UNAUTHENTICATED, err.message));
    return;
  }
  if (err instanceof AppError) {
    const status = err.extensions.code === ErrorCode.SERVICE_UNAVAILABLE ? 503 : 400;
    res.status(status).json(errorBody(err.extensions.code as ErrorCode, err.message));
    return;
  }
  const e = err as { type?: string; status?: number };
  if (e.type === 'entity.too.large') {
    res.status(413).json(errorBody(ErrorCode.PAYLOAD_TOO_LARGE, `The request is larger than ${MAX_REQUEST_BODY}.`));
    return;
  }
  if (e.type === 'entity.parse.failed') {
    res.status(400).json(errorBody(ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.'));
    return;
  }
  // Static files: a missing one, a path outside the folder, a malformed address.
  if (e.status === 404) {
    res.status(404).json(errorBody(ErrorCode.NOT_FOUND, 'There is nothing at this address.'));
    return;
  }
  if (e.status === 403) {
    res.status(403).json(errorBody(ErrorCode.FORBIDDEN, 'You are not allowed to do this.'));
    return;
  }
  if (e.status !== undefined && e.status >= 400 && e.status < 500) {
    res.status(e.status).json(errorBody(ErrorCode.BAD_REQUEST, 'The request is not valid.'));
    return;
  }
  console.error('[gateway] request failed', err);
  res.status(500).json(errorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Something went wrong on our side.'));
}
