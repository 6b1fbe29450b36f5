import type { DemoData } from '../../scripts/demo/generate.js';
import { Purpose } from '../shared/purposes.js';
import { isTrainable } from '../shared/trainable.js';
import type { RecommendationServices } from './schema.js';

export async function seedRecommendations(services: RecommendationServices, data: DemoData): Promise<boolean> {
  if ((await services.catalog.count()) > 0) return false;
  await services.catalog.upsert(data.catalog);
  // The model learns from the demo customers who granted `model.training`, as profile would forward.
  for (const customer of data.customers.filter((c) => c.granted.includes(Purpose.MODEL_TRAINING))) {
    const interactions = customer.events.filter(isTrainable).map((e) => ({
      clientEventId: e.clientEventId,
      itemId: e.itemId!,
      channel: e.channel,
      locale: e.locale,
      purpose: e.purpose,
      occurredAt: e.occurredAt,
    }));
    if (interactions.length > 0) await services.model.learn(customer.id, interactions);
  }
  return true;
}
