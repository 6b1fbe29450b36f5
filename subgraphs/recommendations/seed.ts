import type { DemoData } from '../../scripts/demo/generate.js';
import type { RecommendationServices } from './schema.js';

export async function seedRecommendations(services: RecommendationServices, data: DemoData): Promise<boolean> {
  if ((await services.catalog.count()) > 0) return false;
  await services.catalog.upsert(data.catalog);
  return true;
}
