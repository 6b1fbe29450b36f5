import type { Express } from 'express';
import type { PeerDirectory } from '../subgraphs/shared/peers.js';
import { ErrorCode, errorBody } from '../subgraphs/shared/errors.js';

/** GPC support resource (https://privacycg.github.io/gpc-spec/#gpc-support-resource). */
export const GPC_SUPPORT = { gpc: true, lastUpdate: '2026-11-01' } as const;

/**
 * Public well-known documents: the GPC support resource, and the consent receipt public key,
 * proxied from the consent subgraph's public route so it is always the key actually in use.
 */
export function wellKnownRoutes(app: Express, peers: PeerDirectory): void {
  app.get('/.well-known/gpc.json', (_req, res) => {
    res.json(GPC_SUPPORT);
  });
  app.get('/.well-known/consent-receipt-key', async (_req, res) => {
    try {
      const response = await fetch(new URL('/.well-known/consent-receipt-key', peers.urlOf('consent')));
      if (!response.ok) throw new Error(`consent answered ${response.status}`);
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.json(await response.json());
    } catch (error) {
      console.error('[gateway] receipt key unavailable', error);
      res.status(503).json(errorBody(ErrorCode.SERVICE_UNAVAILABLE, 'The receipt key cannot be fetched right now; please try again shortly.'));
    }
  });
}
