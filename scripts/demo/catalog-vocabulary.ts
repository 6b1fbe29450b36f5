/** Departments of the demo outdoor-and-home retailer: categories, price bands and durability. */
export interface CategorySpec {
  name: string;
  department: string;
  price: [number, number];
  durable: boolean;
  nouns: string[];
}

export const CATEGORIES: CategorySpec[] = [
  { name: 'trail running shoes', department: 'run', price: [80, 180], durable: false, nouns: ['Trail Shoe', 'Trail Racer', 'Mountain Runner'] },
  { name: 'road running shoes', department: 'run', price: [70, 200], durable: false, nouns: ['Road Shoe', 'Tempo Trainer', 'Daily Trainer'] },
  { name: 'running apparel', department: 'run', price: [20, 90], durable: false, nouns: ['Running Tee', 'Split Shorts', 'Running Tights'] },
  { name: 'gps watches', department: 'run', price: [150, 600], durable: true, nouns: ['GPS Watch', 'Sport Watch'] },
  { name: 'hydration packs', department: 'run', price: [40, 140], durable: false, nouns: ['Hydration Vest', 'Bottle Belt'] },
  { name: 'tents', department: 'camp', price: [120, 700], durable: true, nouns: ['Tent', 'Backpacking Tent', 'Family Tent'] },
  { name: 'sleeping bags', department: 'camp', price: [80, 450], durable: true, nouns: ['Sleeping Bag', 'Down Quilt'] },
  { name: 'sleeping pads', department: 'camp', price: [40, 200], durable: true, nouns: ['Sleeping Pad', 'Air Mattress'] },
  { name: 'camp stoves', department: 'camp', price: [30, 180], durable: true, nouns: ['Canister Stove', 'Camp Stove'] },
  { name: 'camp kitchen', department: 'camp', price: [10, 90], durable: false, nouns: ['Cook Set', 'Spork', 'Mug'] },
  { name: 'headlamps', department: 'camp', price: [20, 120], durable: true, nouns: ['Headlamp', 'Lantern'] },
  { name: 'hiking boots', department: 'hike', price: [110, 300], durable: false, nouns: ['Hiking Boot', 'Approach Shoe'] },
  { name: 'backpacks', department: 'hike', price: [60, 320], durable: true, nouns: ['Daypack', 'Trekking Pack'] },
  { name: 'rain jackets', department: 'hike', price: [90, 450], durable: false, nouns: ['Rain Jacket', 'Shell Jacket'] },
  { name: 'fleece', department: 'hike', price: [40, 160], durable: false, nouns: ['Fleece', 'Midlayer'] },
  { name: 'trekking poles', department: 'hike', price: [40, 180], durable: true, nouns: ['Trekking Poles', 'Folding Poles'] },
  { name: 'climbing shoes', department: 'climb', price: [90, 200], durable: false, nouns: ['Climbing Shoe', 'Bouldering Shoe'] },
  { name: 'harnesses', department: 'climb', price: [50, 150], durable: true, nouns: ['Harness'] },
  { name: 'ropes', department: 'climb', price: [120, 350], durable: true, nouns: ['Dynamic Rope', 'Static Rope'] },
  { name: 'chalk and brushes', department: 'climb', price: [5, 30], durable: false, nouns: ['Chalk Bag', 'Chalk', 'Brush'] },
  { name: 'road bikes', department: 'cycle', price: [800, 4000], durable: true, nouns: ['Road Bike', 'Gravel Bike'] },
  { name: 'bike helmets', department: 'cycle', price: [50, 250], durable: true, nouns: ['Helmet'] },
  { name: 'bike lights', department: 'cycle', price: [20, 150], durable: true, nouns: ['Front Light', 'Rear Light'] },
  { name: 'cycling apparel', department: 'cycle', price: [30, 200], durable: false, nouns: ['Jersey', 'Bib Shorts', 'Gilet'] },
  { name: 'yoga mats', department: 'studio', price: [25, 120], durable: true, nouns: ['Yoga Mat', 'Travel Mat'] },
  { name: 'studio apparel', department: 'studio', price: [20, 100], durable: false, nouns: ['Leggings', 'Studio Top'] },
  { name: 'swimwear', department: 'water', price: [20, 90], durable: false, nouns: ['Swimsuit', 'Jammers'] },
  { name: 'wetsuits', department: 'water', price: [120, 500], durable: true, nouns: ['Wetsuit'] },
  { name: 'kayaks', department: 'water', price: [400, 2000], durable: true, nouns: ['Kayak', 'Packraft'] },
  { name: 'travel bags', department: 'travel', price: [40, 300], durable: true, nouns: ['Duffel', 'Travel Pack', 'Packing Cubes'] },
];

export const BRANDS_BY_DEPARTMENT: Record<string, string[]> = {
  run: ['Stridewell', 'Fellrunner', 'Pacekind', 'Lumen Athletics'],
  camp: ['Northwind', 'Emberline', 'Quiet Pines', 'Basecamp Co'],
  hike: ['Northwind', 'Ridgeback', 'Cairn & Co', 'Fellrunner'],
  climb: ['Crimpworks', 'Ridgeback', 'Granite Goat'],
  cycle: ['Spokeshave', 'Velora', 'Lumen Athletics'],
  studio: ['Stillpoint', 'Pacekind', 'Lumen Athletics'],
  water: ['Tidewater', 'Saltmarsh', 'Velora'],
  travel: ['Wayfarer Goods', 'Basecamp Co', 'Cairn & Co'],
};

export const ATTRIBUTES = [
  'waterproof',
  'lightweight',
  'recycled materials',
  'vegan',
  'organic cotton',
  'repairable',
  'wide fit',
  'reflective',
  'packable',
  'insulated',
  'breathable',
  'made locally',
];

export const FIRST_NAMES = [
  'Ada',
  'Bo',
  'Chiara',
  'Dev',
  'Elif',
  'Femi',
  'Greta',
  'Hiro',
  'Ines',
  'Jonas',
  'Kaia',
  'Luca',
  'Mira',
  'Noor',
  'Oskar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sami',
  'Tove',
];
export const LAST_INITIALS = 'ABCDEFGHIJKLMNOPRSTVW'.split('');
