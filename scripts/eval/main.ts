import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { generateDemoData } from '../demo/generate.js';
import { demoDataset, readJsonl, writeDataset, type Dataset } from './dataset.js';
import { evaluate, formatTable } from './evaluate.js';

const USAGE = `Usage:
  npm run eval -- --catalog catalog.jsonl --events events.jsonl [--stated stated.jsonl]
  npm run eval -- --demo                 evaluate on the deterministic demo data
  npm run eval -- --export-demo DIR      write the demo data as catalog/events/stated .jsonl files`;

const { values } = parseArgs({
  options: {
    catalog: { type: 'string' },
    events: { type: 'string' },
    stated: { type: 'string' },
    demo: { type: 'boolean' },
    'export-demo': { type: 'string' },
    help: { type: 'boolean' },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values['export-demo']) {
  for (const file of writeDataset(values['export-demo'], demoDataset(generateDemoData()))) console.log(`wrote ${file}`);
  process.exit(0);
}

let dataset: Dataset;
if (values.demo) {
  dataset = demoDataset(generateDemoData());
} else if (values.catalog && values.events) {
  dataset = { catalog: readJsonl(values.catalog), events: readJsonl(values.events), stated: values.stated ? readJsonl(values.stated) : [] };
} else {
  console.error(USAGE);
  process.exit(1);
}

const started = Date.now();
const { rows, customers } = evaluate(dataset);
console.log(`${customers} customers, ${dataset.catalog.length} items, last 20% of each customer's events held out (${Date.now() - started} ms)\n`);
console.log(formatTable(rows));
