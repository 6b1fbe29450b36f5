import type { CatalogIndex } from './catalog-index.js';
import type { CatalogItem, RequestContext } from './types.js';

/**
 * Exploration picks items at random, but deterministically per context: the same context always
 * explores the same items (so a non-consenting customer's list equals the anonymous one) and a
 * different context explores others. Nothing about the customer goes into the seed.
 */
export function explorationPicks(catalog: CatalogIndex, context: RequestContext, daypart: string, count: number): CatalogItem[] {
  const items = catalog.byPopularity;
  if (items.length === 0) return [];
  const random = seeded(hash(contextKey(context, daypart)));
  const picked = new Map<string, CatalogItem>();
  for (let tries = 0; picked.size < Math.min(count, items.length) && tries < count * 4; tries += 1) {
    const item = items[Math.floor(random() * items.length)];
    picked.set(item.id, item);
  }
  return [...picked.values()];
}

export function contextKey(context: RequestContext, daypart: string): string {
  return [context.surface, context.device ?? '', context.locale ?? '', context.pageCategory ?? '', context.viewedItemIds.join(','), daypart].join(
    '|',
  );
}

/** FNV-1a, 32 bits. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, fast, seeded generator. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
