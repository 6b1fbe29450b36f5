import type { SeedItem } from './affinities.js';
import type { CatalogIndex } from './catalog-index.js';
import type { InteractionModel } from './interaction-model.js';
import type { Describe } from './score.js';

const MAX_SEEDS_PER_PURPOSE = 10;
const NEIGHBOURS_PER_SEED = 20;
/** Customer similarity: the customers most like this one, and how many of their items become candidates. */
const NEIGHBOUR_CUSTOMERS = 20;
export const LIKE_MINDED_CANDIDATES = 50;

/*
 * Classes rather than object literals: a decision keeps these alive from start to end, and V8
 * pretenures a literal's allocation site after one scavenge finds all of them alive, which then
 * drags every decision's garbage into the old generation (p99 went from 2 ms to 5 ms).
 */

/** The seeds of one purpose (null: this visit), strongest first, and what their weights are relative to. */
export class SeedGroup {
  constructor(
    readonly model: InteractionModel,
    readonly purpose: string | null,
    readonly noticeVersion: number | null,
    readonly top: SeedItem[],
    readonly maxWeight: number,
  ) {}

  /** What one seed gives an item it co-occurs with. */
  partOf(seed: SeedItem, similarity: number): number {
    return (seed.weight / this.maxWeight) * similarity;
  }
}

/** One purpose's part of "customers who … also …" for one item. */
export class SimilarPart {
  weight = 0;

  constructor(
    readonly itemId: string,
    readonly group: SeedGroup,
  ) {}
}

/**
 * "Customers who … also …": items that co-occur with the seeds, one map per purpose the seeds came
 * under (so withdrawing a purpose removes exactly its part). Session seeds have no purpose.
 */
export function similarItems(model: InteractionModel, catalog: CatalogIndex, seeds: SeedItem[]): Map<string, SimilarPart>[] {
  const out: Map<string, SimilarPart>[] = [];
  for (const group of seedGroups(model, catalog, seeds)) {
    const { top } = group;
    const parts = new Map<string, SimilarPart>();
    for (const seed of top) {
      for (const [other, similarity] of model.neighbours(seed.itemId, NEIGHBOURS_PER_SEED)) {
        let part = parts.get(other);
        if (!part) parts.set(other, (part = new SimilarPart(other, group)));
        part.weight += group.partOf(seed, similarity);
      }
    }
    out.push(parts);
  }
  return out;
}

/**
 * Customer similarity: the items of the customers whose learned history is most like this
 * customer's seeds, per purpose the seeds came under, relative to the strongest (0..1). Items the
 * customer already had are left out (their own window, if they are in the model, adds nothing).
 */
export function likeMindedItems(model: InteractionModel, catalog: CatalogIndex, seeds: SeedItem[], own: Set<string>): Map<string, SimilarPart>[] {
  const out: Map<string, SimilarPart>[] = [];
  for (const group of seedGroups(model, catalog, seeds)) {
    const scores = new Map<string, number>();
    for (const { similarity, items } of model.neighbourCustomers(
      group.top.map((s) => s.itemId),
      NEIGHBOUR_CUSTOMERS,
    )) {
      for (const id of items) if (!own.has(id)) scores.set(id, (scores.get(id) ?? 0) + similarity);
    }
    let max = 0;
    for (const v of scores.values()) max = Math.max(max, v);
    const parts = new Map<string, SimilarPart>();
    for (const [id, score] of scores) {
      const part = new SimilarPart(id, group);
      part.weight = score / max;
      parts.set(id, part);
    }
    out.push(parts);
  }
  return out;
}

/** The seeds grouped by the purpose they came under (null: this visit), strongest first. */
function seedGroups(model: InteractionModel, catalog: CatalogIndex, seeds: SeedItem[]): SeedGroup[] {
  const byPurpose = new Map<string | null, SeedItem[]>();
  for (const s of seeds) {
    if (!catalog.byId.has(s.itemId)) continue;
    const group = byPurpose.get(s.purpose);
    if (group) group.push(s);
    else byPurpose.set(s.purpose, [s]);
  }
  return [...byPurpose].map(([purpose, all]) => {
    const top = [...all].sort((x, y) => y.weight - x.weight || (x.itemId < y.itemId ? -1 : 1)).slice(0, MAX_SEEDS_PER_PURPOSE);
    const max = Math.max(...top.map((s) => s.weight)) || 1;
    const noticeVersion = purpose === null ? null : Math.max(...top.map((s) => s.noticeVersion ?? 1));
    return new SeedGroup(model, purpose, noticeVersion, top, max);
  });
}

/** Names the seeds shared with the like-minded customers: the strongest, by its title. */
export const describeLikeMinded: Describe<SimilarPart> = ({ group }, { catalog }) => {
  const evidence = group.top.slice(0, 3).map((s) => s.itemId);
  return { evidence, label: catalog.byId.get(evidence[0])?.title ?? evidence[0] };
};

/** Names the (up to three) seed items that gave the most, the first by its title. */
export const describeSimilar: Describe<SimilarPart> = ({ itemId, group }, { catalog }) => {
  const given: [string, number][] = [];
  for (const seed of group.top) {
    const neighbour = group.model.neighbours(seed.itemId, NEIGHBOURS_PER_SEED).find(([other]) => other === itemId);
    if (neighbour) given.push([seed.itemId, group.partOf(seed, neighbour[1])]);
  }
  const evidence = given
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, 3)
    .map(([id]) => id);
  return { evidence, label: catalog.byId.get(evidence[0])?.title ?? evidence[0] };
};
