import type { Clock } from '../../shared/clock.js';
import { badInput } from '../../shared/errors.js';
import type { PreferenceKind } from '../entities/stated-preference.entity.js';
import type { PeerClients } from './peer-clients.js';

interface Facets {
  categories: string[];
  brands: string[];
  attributes: string[];
}

/** Catalog data is not personal, so a short cache is fine; a new category shows up within a minute. */
const CACHE_MS = 60_000;
const MAX_SUGGESTIONS = 3;
/** recommendations' `catalogItems` answers up to 500 ids at once. */
const ITEMS_PER_LOOKUP = 500;
const FACET_OF: Partial<Record<PreferenceKind, { facet: keyof Facets; noun: string }>> = {
  CATEGORY: { facet: 'categories', noun: 'category' },
  BRAND: { facet: 'brands', noun: 'brand' },
  ATTRIBUTE: { facet: 'attributes', noun: 'attribute' },
};

/** The catalog's known categories, brands and attributes (from recommendations' `catalogFacets`). */
export class CatalogVocabulary {
  private cached: { facets: Facets; until: number } | null = null;

  constructor(
    private readonly peers: PeerClients,
    private readonly clock: Clock,
  ) {}

  /** Throws BAD_USER_INPUT, with the closest known values, when the value is not in the catalog. */
  async check(kind: PreferenceKind, value: string): Promise<void> {
    const rule = FACET_OF[kind];
    if (!rule) return; // price ranges are checked by shape only
    const known = (await this.facets())[rule.facet];
    const wanted = value.toLowerCase();
    if (known.some((k) => k.toLowerCase() === wanted)) return;
    const suggestions = closest(wanted, known);
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '';
    throw badInput(`We do not sell anything with the ${rule.noun} "${value}".${hint}`, { field: 'value', suggestions });
  }

  /** Of `ids`, those the catalog does not sell (asked each time: an item may have just been added). */
  async unknownItems(ids: string[]): Promise<Set<string>> {
    const unknown = new Set(ids);
    for (let i = 0; i < ids.length; i += ITEMS_PER_LOOKUP) {
      const data = await this.peers
        .of('recommendations')
        .request<{ catalogItems: { id: string }[] }>('query ($ids: [ID!]!) { catalogItems(ids: $ids) { id } }', {
          ids: ids.slice(i, i + ITEMS_PER_LOOKUP),
        });
      for (const item of data.catalogItems) unknown.delete(item.id);
    }
    return unknown;
  }

  private async facets(): Promise<Facets> {
    const now = this.clock.now().getTime();
    if (this.cached && this.cached.until > now) return this.cached.facets;
    const data = await this.peers.of('recommendations').request<{ catalogFacets: Facets }>('{ catalogFacets { categories brands attributes } }');
    this.cached = { facets: data.catalogFacets, until: now + CACHE_MS };
    return data.catalogFacets;
  }
}

/** Known values that contain the input, or are a few typos away from it; nearest first. */
export function closest(value: string, known: string[]): string[] {
  const scored = known
    .map((k) => {
      const lower = k.toLowerCase();
      const contains = value.length >= 3 && (lower.includes(value) || value.includes(lower));
      const distance = contains ? 0 : editDistance(value, lower);
      return { k, distance };
    })
    .filter((s) => s.distance <= Math.max(2, Math.floor(value.length / 3)))
    .sort((a, b) => a.distance - b.distance || a.k.localeCompare(b.k));
  return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.k);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
