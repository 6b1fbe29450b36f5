import fs from 'node:fs';
import path from 'node:path';
import type { CatalogItem } from '../../subgraphs/recommendations/engine/types.js';
import type { DemoData } from '../demo/generate.js';

/** The offline-evaluation formats (one JSON object per line). `durable` is optional (default false). */
export type CatalogLine = Omit<CatalogItem, 'durable' | 'popularity'> & { durable?: boolean };
export interface EventLine {
  customerId: string;
  itemId: string;
  type: string;
  occurredAt: string;
  /** A rating's stars ("1" … "5"); absent for other events. */
  value?: string | null;
}
export interface StatedLine {
  customerId: string;
  kind: 'CATEGORY' | 'BRAND' | 'ATTRIBUTE' | 'PRICE_RANGE';
  value: string;
  sentiment: 'LIKE' | 'DISLIKE' | 'NEVER';
}
export interface Dataset {
  catalog: CatalogLine[];
  events: EventLine[];
  stated: StatedLine[];
}

export function readJsonl<T>(file: string): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, i) => {
      try {
        return JSON.parse(line) as T;
      } catch {
        throw new Error(`${file}:${i + 1} is not valid JSON`);
      }
    });
}

export function writeJsonl(file: string, rows: unknown[]): void {
  fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

/** The demo data in the evaluation formats: what a customer consented to is all that is in it. */
export function demoDataset(data: DemoData): Dataset {
  return {
    catalog: data.catalog.map(({ id, title, category, brand, attributes, price, durable }) => ({
      id,
      title,
      category,
      brand,
      attributes,
      price,
      durable,
    })),
    events: data.customers.flatMap((c) =>
      c.events
        .filter((e) => e.itemId)
        .map((e) => ({
          customerId: c.id,
          itemId: e.itemId!,
          type: e.type,
          occurredAt: e.occurredAt,
          ...(e.type === 'RATING' ? { value: e.value } : {}),
        })),
    ),
    stated: data.customers.flatMap((c) => c.preferences.map((p) => ({ customerId: c.id, kind: p.kind, value: p.value, sentiment: p.sentiment }))),
  };
}

export function writeDataset(dir: string, dataset: Dataset): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files = { 'catalog.jsonl': dataset.catalog, 'events.jsonl': dataset.events, 'stated.jsonl': dataset.stated };
  return Object.entries(files).map(([name, rows]) => {
    const file = path.join(dir, name);
    writeJsonl(file, rows);
    return file;
  });
}
