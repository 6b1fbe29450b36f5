import { Purpose, type PurposeId } from '../../subgraphs/shared/purposes.js';
import type { CatalogItem } from '../../subgraphs/recommendations/engine/types.js';
import { ATTRIBUTES, BRANDS_BY_DEPARTMENT, CATEGORIES, FIRST_NAMES, LAST_INITIALS } from './catalog-vocabulary.js';
import { intBetween, pick, pickSome, seededRandom } from './random.js';

export interface DemoPreference {
  kind: 'CATEGORY' | 'BRAND' | 'ATTRIBUTE' | 'PRICE_RANGE';
  value: string;
  sentiment: 'LIKE' | 'DISLIKE' | 'NEVER';
  weight: number;
}

export interface DemoEvent {
  clientEventId: string;
  type: 'VIEW' | 'ADD_TO_CART' | 'PURCHASE' | 'SEARCH' | 'RATING' | 'DISMISS';
  itemId: string | null;
  value: string | null;
  channel: string;
  /** The shop locale; per customer, without drawing from the generator (so the rest stays as it was). */
  locale: string;
  /** What it was collected under (the generator only makes events of granted purposes). */
  purpose: string;
  source: string;
  occurredAt: string;
}

export interface DemoCustomer {
  id: string;
  displayName: string;
  /** Purposes granted at `grantedAt`; every other purpose was never asked. */
  granted: PurposeId[];
  grantedAt: string;
  preferences: DemoPreference[];
  events: DemoEvent[];
}

export interface DemoData {
  catalog: CatalogItem[];
  customers: DemoCustomer[];
}

export interface DemoOptions {
  seed?: number;
  items?: number;
  customers?: number;
  /** Event times are spread over the 120 days before this instant. */
  now?: Date;
}

const DAY = 86_400_000;

/** Consent profiles and how often they occur: many customers share some data, few share all. */
const CONSENT_PROFILES: { share: number; granted: PurposeId[] }[] = [
  { share: 0.15, granted: [] },
  { share: 0.2, granted: [Purpose.STATED] },
  { share: 0.25, granted: [Purpose.STATED, Purpose.BEHAVIORAL] },
  { share: 0.25, granted: [Purpose.STATED, Purpose.BEHAVIORAL, Purpose.PURCHASE, Purpose.MODEL_TRAINING] },
  {
    share: 0.15,
    granted: [Purpose.STATED, Purpose.BEHAVIORAL, Purpose.PURCHASE, Purpose.MODEL_TRAINING, Purpose.ANALYTICS, Purpose.MARKETING_EMAIL],
  },
];

/** Customers with a fixed role in the demo and the tests. */
export const DEMO_CUSTOMERS = {
  /** Shares everything that personalizes, with rich history. */
  full: 'cust-001',
  /** Never consented to anything beyond `essential`. */
  none: 'cust-002',
  /** Only told us what they like. */
  statedOnly: 'cust-003',
} as const;

/** Deterministic demo data: the same options always give the same catalog and customers. */
export function generateDemoData(options: DemoOptions = {}): DemoData {
  const random = seededRandom(options.seed ?? 20261123);
  const now = options.now ?? new Date('2026-11-01T00:00:00.000Z');
  const catalog = generateCatalog(random, options.items ?? 2000);
  const customers = Array.from({ length: options.customers ?? 200 }, (_, i) => generateCustomer(random, i, catalog, now));
  return { catalog, customers };
}

function generateCatalog(random: () => number, count: number): CatalogItem[] {
  const items: CatalogItem[] = [];
  for (let i = 0; i < count; i += 1) {
    const category = CATEGORIES[i % CATEGORIES.length];
    const brand = pick(random, BRANDS_BY_DEPARTMENT[category.department]);
    const [low, high] = category.price;
    const noun = pick(random, category.nouns);
    items.push({
      id: `item-${String(i + 1).padStart(4, '0')}`,
      title: `${brand} ${noun} ${modelName(random)}`,
      category: category.name,
      brand,
      attributes: pickSome(random, ATTRIBUTES, intBetween(random, 1, 3)).sort(),
      price: Math.round((low + random() * (high - low)) * 100) / 100,
      durable: category.durable,
      popularity: Math.round(random() ** 3 * 1000) / 1000,
    });
  }
  return items;
}

function modelName(random: () => number): string {
  const syllables = ['al', 'to', 'ver', 'na', 'ri', 'ko', 'sol', 'mi', 'ze', 'ra'];
  const name = pick(random, syllables) + pick(random, syllables);
  return `${name[0].toUpperCase()}${name.slice(1)} ${intBetween(random, 1, 9)}`;
}

function consentProfile(random: () => number, index: number): PurposeId[] {
  if (index === 0) return CONSENT_PROFILES[3].granted;
  if (index === 1) return [];
  if (index === 2) return [Purpose.STATED];
  let r = random();
  for (const profile of CONSENT_PROFILES) {
    if (r < profile.share) return profile.granted;
    r -= profile.share;
  }
  return [];
}

const DEMO_LOCALES = ['en-GB', 'de-DE', 'fr-FR', 'en-GB', 'nl-NL'];

function generateCustomer(random: () => number, index: number, catalog: CatalogItem[], now: Date): DemoCustomer {
  const id = `cust-${String(index + 1).padStart(3, '0')}`;
  const displayName = `${FIRST_NAMES[index % FIRST_NAMES.length]} ${LAST_INITIALS[Math.floor(index / FIRST_NAMES.length) % LAST_INITIALS.length]}.`;
  const granted = consentProfile(random, index);
  const grantedAt = new Date(now.getTime() - 150 * DAY).toISOString();

  // A persona: one or two departments, a few favourite categories within them.
  const departments = pickSome(random, [...new Set(CATEGORIES.map((c) => c.department))], intBetween(random, 1, 2));
  const inDepartments = CATEGORIES.filter((c) => departments.includes(c.department)).map((c) => c.name);
  const favourites = pickSome(random, inDepartments, Math.min(inDepartments.length, intBetween(random, 2, 4)));
  const others = CATEGORIES.map((c) => c.name).filter((c) => !favourites.includes(c));

  const preferences: DemoPreference[] = [];
  if (granted.includes(Purpose.STATED)) {
    for (const category of favourites.slice(0, 2)) preferences.push({ kind: 'CATEGORY', value: category, sentiment: 'LIKE', weight: 1 });
    const brands = [...new Set(departments.flatMap((d) => BRANDS_BY_DEPARTMENT[d]))];
    preferences.push({ kind: 'BRAND', value: pick(random, brands).toLowerCase(), sentiment: 'LIKE', weight: 1 });
    if (random() < 0.5) preferences.push({ kind: 'ATTRIBUTE', value: pick(random, ATTRIBUTES), sentiment: 'LIKE', weight: 0.5 });
    if (random() < 0.4) preferences.push({ kind: 'CATEGORY', value: pick(random, others), sentiment: 'DISLIKE', weight: 1 });
    if (random() < 0.15) preferences.push({ kind: 'CATEGORY', value: pick(random, others), sentiment: 'NEVER', weight: 1 });
  }

  const events: DemoEvent[] = [];
  const byCategory = (name: string) => catalog.filter((item) => item.category === name);
  const eventCount = index === 0 ? 120 : intBetween(random, 10, 80);
  for (let e = 0; e < eventCount; e += 1) {
    const category = random() < 0.75 ? pick(random, favourites) : pick(random, others);
    const item = pick(random, byCategory(category));
    const at = new Date(now.getTime() - random() * 120 * DAY);
    const roll = random();
    const type: DemoEvent['type'] = roll < 0.72 ? 'VIEW' : roll < 0.86 ? 'ADD_TO_CART' : roll < 0.96 ? 'PURCHASE' : 'RATING';
    const purpose = type === 'PURCHASE' ? Purpose.PURCHASE : Purpose.BEHAVIORAL;
    if (!granted.includes(purpose)) continue; // never collected without consent
    events.push({
      clientEventId: `${id}-e${e}`,
      type,
      itemId: item.id,
      value: type === 'RATING' ? String(intBetween(random, 3, 5)) : null,
      channel: random() < 0.6 ? 'web' : 'app',
      locale: DEMO_LOCALES[index % DEMO_LOCALES.length],
      purpose,
      source: random() < 0.6 ? 'web-shop' : 'mobile-app',
      occurredAt: at.toISOString(),
    });
  }
  return { id, displayName, granted, grantedAt, preferences, events };
}
