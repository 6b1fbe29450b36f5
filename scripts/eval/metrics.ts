/** Offline ranking metrics for one list against the held-out items. */
export function ndcgAt(k: number, list: string[], relevant: Set<string>): number {
  let dcg = 0;
  list.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i += 1) ideal += 1 / Math.log2(i + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

export function recallAt(k: number, list: string[], relevant: Set<string>): number {
  if (relevant.size === 0) return 0;
  return list.slice(0, k).filter((id) => relevant.has(id)).length / relevant.size;
}

/** Mean self-information of the recommended items: higher means less obvious picks. */
export function novelty(list: string[], customersPerItem: Map<string, number>, customers: number): number {
  if (list.length === 0) return 0;
  return list.reduce((s, id) => s - Math.log2(((customersPerItem.get(id) ?? 0) + 1) / (customers + 1)), 0) / list.length;
}

/** Mean pairwise dissimilarity (1 − Jaccard of category, brand and attributes) within a list. */
export function intraListDiversity(list: string[], features: Map<string, Set<string>>): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < list.length; i += 1) {
    for (let j = i + 1; j < list.length; j += 1) {
      const a = features.get(list[i]) ?? new Set<string>();
      const b = features.get(list[j]) ?? new Set<string>();
      const shared = [...a].filter((f) => b.has(f)).length;
      const union = a.size + b.size - shared;
      sum += union === 0 ? 0 : 1 - shared / union;
      pairs += 1;
    }
  }
  return pairs === 0 ? 0 : sum / pairs;
}

export function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}
