import type { Principal } from '../../shared/principal.js';
import type { GpcService } from '../services/gpc.service.js';

/** A signed-in customer's own request carrying `Sec-GPC: 1` is recorded and honored at once. */
export async function honorGpc(gpc: GpcService, principal: Principal, customerId: string): Promise<void> {
  if (principal.gpc && principal.role === 'customer' && principal.subject === customerId) await gpc.observe(customerId);
}
