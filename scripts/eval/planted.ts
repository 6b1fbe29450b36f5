import { intBetween, pick, pickSome, seededRandom } from '../demo/random.js';
import type { CatalogLine, Dataset, EventLine, StatedLine } from './dataset.js';

/**
 * A second, independent synthetic data set with planted structure the evaluation can check
 * recommendations against (written apart from the demo generator and not tuned to it):
 * - taste: each customer favours a few categories (unequally), a couple of brands, attributes and
 *   a price tier, and picks items in proportion to how well they fit it and to the item's quality;
 * - drift: part way through, one favourite category gives way to a new interest;
 * - complements: after buying a durable good, the next visit is often to a complementary category;
 * - durable goods are bought once, consumables are bought again;
 * - ratings follow fit, dismissals hit items outside the taste, stated likes are partial and noisy.
 */
export interface PlantedOptions {
  seed?: number;
  items?: number;
  customers?: number;
}

const DEPARTMENTS = 8;
const KINDS_PER_DEPARTMENT = 4;
const BRANDS = 40;
const BRANDS_PER_DEPARTMENT = 6;
const ATTRIBUTES = Array.from({ length: 12 }, (_, i) => `attr-${i + 1}`);
const DAYS = 180;
const DAY = 86_400_000;
const MINUTE = 60_000;
const START = Date.parse('2026-05-01T00:00:00.000Z');

interface Category {
  name: string;
  department: number;
  durable: boolean;
  basePrice: number;
  complements: string[];
}

interface Item extends CatalogLine {
  quality: number;
  tier: number;
}

export function generatePlanted(options: PlantedOptions = {}): Dataset {
  const random = seededRandom(options.seed ?? 7);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const categories: Category[] = [];
  for (let d = 0; d < DEPARTMENTS; d += 1)
    for (let k = 0; k < KINDS_PER_DEPARTMENT; k += 1)
      categories.push({ name: `dept${d}-kind${k}`, department: d, durable: random() < 0.4, basePrice: 10 * 2 ** (random() * 6), complements: [] });
  for (const c of categories) {
    const sameDepartment = categories.filter((o) => o.department === c.department && o !== c);
    c.complements = [pick(random, sameDepartment).name, ...(random() < 0.5 ? [pick(random, categories).name] : [])];
  }
  const brandsOf = Array.from({ length: DEPARTMENTS }, () =>
    pickSome(
      random,
      Array.from({ length: BRANDS }, (_, b) => `brand-${b + 1}`),
      BRANDS_PER_DEPARTMENT,
    ),
  );
  const items: Item[] = Array.from({ length: options.items ?? 3000 }, (_, i) => {
    const category = pick(random, categories);
    const price = Math.round(category.basePrice * Math.exp(0.45 * gaussian()) * 100) / 100;
    return {
      id: `p-${String(i + 1).padStart(5, '0')}`,
      title: `Planted item ${i + 1}`,
      category: category.name,
      brand: pick(random, brandsOf[category.department]),
      attributes: pickSome(random, ATTRIBUTES, intBetween(random, 1, 3)).sort(),
      price,
      durable: category.durable,
      quality: Math.exp(0.8 * gaussian()),
      tier: 0,
    };
  });
  const byCategory = new Map(categories.map((c) => [c.name, items.filter((i) => i.category === c.name).sort((a, b) => a.price - b.price)]));
  for (const list of byCategory.values()) list.forEach((item, i) => (item.tier = Math.floor((3 * i) / list.length)));
  const categoryOf = new Map(categories.map((c) => [c.name, c]));

  const events: EventLine[] = [];
  const stated: StatedLine[] = [];
  for (let n = 0; n < (options.customers ?? 1500); n += 1) {
    const customerId = `planted-${String(n + 1).padStart(5, '0')}`;
    const departments = pickSome(random, [...Array(DEPARTMENTS).keys()], intBetween(random, 1, 2));
    const near = categories.filter((c) => departments.includes(c.department));
    const taste = new Map(pickSome(random, near, intBetween(random, 2, 4)).map((c) => [c.name, 0.2 + random() ** 2]));
    const brands = new Set(pickSome(random, [...new Set(departments.flatMap((d) => brandsOf[d]))], 2));
    const attributes = new Set(pickSome(random, ATTRIBUTES, intBetween(random, 1, 2)));
    const tier = intBetween(random, 0, 2);
    const fit = (item: Item) =>
      item.quality *
      (brands.has(item.brand) ? 4 : 1) *
      (1 + 1.5 * item.attributes.filter((a) => attributes.has(a)).length) *
      (item.tier === tier ? 2.5 : 1);
    const drawItem = (category: string, exclude: Set<string>) => {
      const candidates = byCategory.get(category)!.filter((i) => !exclude.has(i.id));
      let r = random() * candidates.reduce((s, i) => s + fit(i), 0);
      for (const item of candidates) if ((r -= fit(item)) <= 0) return item;
      return candidates.at(-1);
    };

    const initial = [...taste].sort((a, b) => b[1] - a[1]);
    if (random() < 0.85) {
      for (const [name] of initial.slice(0, intBetween(random, 1, 2))) stated.push({ customerId, kind: 'CATEGORY', value: name, sentiment: 'LIKE' });
      if (random() < 0.6) stated.push({ customerId, kind: 'BRAND', value: [...brands][0], sentiment: 'LIKE' });
      if (random() < 0.4) stated.push({ customerId, kind: 'ATTRIBUTE', value: [...attributes][0], sentiment: 'LIKE' });
      const far = categories.filter((c) => !departments.includes(c.department));
      if (random() < 0.3) stated.push({ customerId, kind: 'CATEGORY', value: pick(random, far).name, sentiment: 'DISLIKE' });
    }

    const sessions = Array.from({ length: intBetween(random, 6, 20) }, () => START + random() * DAYS * DAY).sort((a, b) => a - b);
    const driftAt = sessions[Math.floor(sessions.length * (0.4 + 0.3 * random()))];
    let drifted = false;
    const bought = new Set<string>();
    const consumables: Item[] = [];
    const viewed = new Map<string, Item[]>();
    let complement: string | null = null;
    for (const start of sessions) {
      let at = start;
      const emit = (item: Item, type: string, value?: string) => {
        events.push({ customerId, itemId: item.id, type, occurredAt: new Date(at).toISOString(), ...(value ? { value } : {}) });
        at += intBetween(random, 1, 6) * MINUTE;
      };
      if (!drifted && start >= driftAt) {
        drifted = true;
        const fading = pick(random, [...taste.keys()]);
        taste.delete(fading);
        taste.set(
          pick(
            random,
            categories.filter((c) => !taste.has(c.name)),
          ).name,
          1.2,
        );
      }
      if (consumables.length > 0 && random() < 0.2) {
        const again = pick(random, consumables);
        emit(again, 'VIEW');
        emit(again, 'PURCHASE');
        continue;
      }
      let intent: string;
      if (complement && random() < 0.6) intent = pick(random, categoryOf.get(complement)!.complements);
      else if (random() < 0.85) {
        let r = random() * [...taste.values()].reduce((s, w) => s + w, 0);
        intent = [...taste].find(([, w]) => (r -= w) <= 0)?.[0] ?? [...taste.keys()][0];
      } else intent = pick(random, categories).name;
      complement = null;
      const seen: Item[] = [];
      for (let v = intBetween(random, 2, 5); v > 0; v -= 1) {
        const earlier = viewed.get(intent) ?? [];
        const item = earlier.length > 0 && random() < 0.3 ? pick(random, earlier) : drawItem(intent, bought);
        if (!item) break;
        emit(item, 'VIEW');
        seen.push(item);
        viewed.set(intent, [...earlier, item]);
      }
      const best = [...seen].sort((a, b) => fit(b) - fit(a))[0];
      if (best && random() < 0.35) {
        emit(best, 'ADD_TO_CART');
        if (random() < 0.6) {
          emit(best, 'PURCHASE');
          if (best.durable) {
            bought.add(best.id);
            complement = best.category;
            if (taste.has(best.category)) taste.set(best.category, taste.get(best.category)! * 0.3);
          } else consumables.push(best);
          if (random() < 0.3) emit(best, 'RATING', String(fit(best) > 3 ? intBetween(random, 4, 5) : intBetween(random, 1, 3)));
        }
      }
      if (random() < 0.15) {
        const outside = categories.filter((c) => !taste.has(c.name));
        const item = byCategory.get(pick(random, outside).name)![0];
        if (item) emit(item, 'DISMISS');
      }
    }
  }
  const catalog = items.map(({ quality: _quality, tier: _tier, ...line }) => line);
  return { catalog, events, stated };
}
