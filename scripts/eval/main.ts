import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { generateDemoData } from '../demo/generate.js';
import { demoDataset, readJsonl, writeDataset, type Dataset } from './dataset.js';
import { evaluate, formatTable } from './evaluate.js';
import { generatePlanted } from './planted.js';
import { tune } from './tune.js';

const USAGE = `Usage:
  npm run eval                           evaluate on the demo data and on the planted data set
  npm run eval -- --demo                 only the deterministic demo data
  npm run eval -- --planted [--seed N]   only the planted data set (3,000 items, 1,500 customers; seed 7)
  npm run eval -- --catalog catalog.jsonl --events events.jsonl [--stated stated.jsonl]
  npm run eval -- --tune [--from KEY]    search the source weights on validation splits (prints engine/weights.ts values;
                                         --from resumes the search at that weight)
  npm run eval -- --export-demo DIR      write the demo data as catalog/events/stated .jsonl files
  npm run eval -- --export-planted DIR   write the planted data the same way`;

const { values } = parseArgs({
  options: {
    catalog: { type: 'string' },
    events: { type: 'string' },
    stated: { type: 'string' },
    demo: { type: 'boolean' },
    planted: { type: 'boolean' },
    seed: { type: 'string' },
    tune: { type: 'boolean' },
    from: { type: 'string' },
    'export-demo': { type: 'string' },
    'export-planted': { type: 'string' },
    help: { type: 'boolean' },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const seed = values.seed === undefined ? undefined : Number(values.seed);
if (values['export-demo'] || values['export-planted']) {
  const [dir, dataset] = values['export-demo']
    ? [values['export-demo'], demoDataset(generateDemoData())]
    : [values['export-planted']!, generatePlanted({ seed })];
  for (const file of writeDataset(dir, dataset)) console.log(`wrote ${file}`);
  process.exit(0);
}
if (values.tune) {
  tune(undefined, 1, values.from);
  process.exit(0);
}

const datasets: [string, () => Dataset][] = [];
if (values.catalog && values.events) {
  const { catalog, events, stated } = values;
  datasets.push([catalog, () => ({ catalog: readJsonl(catalog), events: readJsonl(events), stated: stated ? readJsonl(stated) : [] })]);
} else if (values.catalog || values.events) {
  console.error(USAGE);
  process.exit(1);
} else {
  const both = !values.demo && !values.planted;
  if (values.demo || both) datasets.push(['demo data', () => demoDataset(generateDemoData())]);
  if (values.planted || both) datasets.push([`planted data (seed ${seed ?? 7})`, () => generatePlanted({ seed })]);
}

for (const [name, load] of datasets) {
  const dataset = load();
  const started = Date.now();
  const { rows, customers } = evaluate(dataset);
  console.log(
    `## ${name}: ${customers} customers, ${dataset.catalog.length} items, ${dataset.events.length} events; the last 20% of each customer's events held out (${Date.now() - started} ms)\n`,
  );
  console.log(`${formatTable(rows)}\n`);
}
console.log('Mean over customers [95% bootstrap interval, 1,000 resamples of customers]; every row on the same request context (this visit only).');
