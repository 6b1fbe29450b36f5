import type { CatalogItem } from './types.js';

/** An in-memory index of the (non-personal) catalog, rebuilt when the catalog changes. */
export class CatalogIndex {
  readonly byId = new Map<string, CatalogItem>();
  readonly byCategory = new Map<string, CatalogItem[]>();
  readonly byBrand = new Map<string, CatalogItem[]>();
  /** All items, most popular first (ties by id, so every ordering is deterministic). */
  readonly byPopularity: CatalogItem[];
  readonly categories: string[];
  readonly brands: string[];
  readonly attributes: string[];
  /** Each item's price tier within its category (0 budget, 1 mid-range, 2 premium: thirds by price). */
  readonly priceTier = new Map<string, number>();
  /** Category, brand and attribute names by their lower case: stated preferences are stored lower-cased. */
  private readonly names = new Map<string, string>();

  constructor(items: CatalogItem[]) {
    this.byPopularity = [...items].sort(byPopularityThenId);
    const attributes = new Set<string>();
    for (const item of this.byPopularity) {
      this.byId.set(item.id, item);
      push(this.byCategory, item.category, item);
      push(this.byBrand, item.brand, item);
      for (const a of item.attributes) attributes.add(a);
    }
    this.categories = [...this.byCategory.keys()].sort();
    this.brands = [...this.byBrand.keys()].sort();
    this.attributes = [...attributes].sort();
    for (const name of [...this.categories, ...this.brands, ...this.attributes]) this.names.set(name.toLowerCase(), name);
    for (const items of this.byCategory.values()) {
      const byPrice = [...items].sort((a, b) => a.price - b.price || (a.id < b.id ? -1 : 1));
      byPrice.forEach((item, i) => this.priceTier.set(item.id, Math.floor((3 * i) / byPrice.length)));
    }
  }

  /** The catalog's own spelling of a category, brand or attribute (as given when the catalog has none). */
  nameOf(value: string): string {
    return this.names.get(value.toLowerCase()) ?? value;
  }

  get size(): number {
    return this.byId.size;
  }
}

export function byPopularityThenId(a: CatalogItem, b: CatalogItem): number {
  return b.popularity - a.popularity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export const PRICE_TIERS = ['budget', 'mid-range', 'premium'];

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
