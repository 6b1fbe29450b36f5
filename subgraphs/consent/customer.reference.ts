import type { ConsentService } from './services/consent.service.js';

/** `Customer` by key: other subgraphs' plans come here for `grantedPurposes`. */
export function customerReference(consent: ConsentService) {
  return {
    Customer: {
      async __resolveReference(ref: { id: string }) {
        return (await consent.customerExists(ref.id)) ? { id: ref.id } : null;
      },
    },
  };
}
