import type { SubgraphContext } from '../../shared/context.js';
import type { GpcService } from '../services/gpc.service.js';

/**
 * The request hook of the consent subgraph: a signed-in customer's own request carrying
 * `Sec-GPC: 1` is recorded (and honored) once, before any resolver runs, so no read field writes.
 * Writes only when something changes: the first signal, or a grant it overrides.
 */
export function recordGpcOnRequest(gpc: GpcService) {
  return async ({ principal }: SubgraphContext): Promise<void> => {
    if (!(principal.gpc && principal.role === 'customer' && principal.subject)) return;
    try {
      await gpc.observe(principal.subject);
    } catch (error) {
      // Recording it again is tried on the customer's next request; this one (a withdrawal, say) goes on.
      console.error('[consent] could not record a GPC signal this time', error);
    }
  };
}
