import type { DemoCustomer } from '../../scripts/demo/generate.js';
import type { ConsentServices } from './schema.js';

/** Loads demo customers and their consent decisions through the ledger (so the chain is valid). */
export async function seedConsent(services: ConsentServices, customers: DemoCustomer[]): Promise<boolean> {
  if ((await services.consent.listCustomers(1)).length > 0) return false;
  for (const c of customers) {
    await services.consent.createCustomer(c.id, c.displayName);
    if (c.granted.length === 0) continue;
    await services.consent.setConsents(
      c.id,
      c.granted.map((purpose) => ({ purpose, granted: true, noticeVersion: 1 })),
      { method: 'IMPORT', origin: 'demo-seed', at: c.grantedAt },
    );
  }
  return true;
}
