import type { CatalogService } from './services/catalog.service.js';

export function catalogItemReference(catalog: CatalogService) {
  return {
    async __resolveReference(ref: { id: string }) {
      return (await catalog.current()).byId.get(ref.id) ?? null;
    },
  };
}
