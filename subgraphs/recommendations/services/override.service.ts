import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { rawQuery } from '../../shared/raw-sql.js';
import type { Clock } from '../../shared/clock.js';
import { badInput, notFound } from '../../shared/errors.js';
import { capitalized, parseIsoTime, timeProblem } from '../../shared/input-rules.js';
import type { Transactions } from '../../shared/transactions.js';
import { OverrideRecord } from '../entities/override.entity.js';
import type { ActiveOverride, OverrideKind, OverrideReason } from '../engine/overrides.js';
import type { Surface } from '../engine/types.js';
import type { CatalogService } from './catalog.service.js';

export interface OverrideInput {
  kind: OverrideKind;
  itemId: string;
  surface?: Surface | null;
  position?: number | null;
  boost?: number | null;
  reasonCategory: OverrideReason;
  justification: string;
  startsAt: string;
  endsAt: string;
}

const MAX_POSITION = 50;
const MAX_BOOST = 5;
const MAX_WINDOW_DAYS = 366;

/** Merchandisers' pins and boosts, and the log of all of them. */
export class OverrideService {
  constructor(
    private readonly db: DataSource,
    private readonly catalog: CatalogService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  async create(author: string, input: OverrideInput): Promise<OverrideRecord> {
    const clean = validate(input, this.clock.now());
    if (!(await this.catalog.current()).byId.has(clean.itemId)) throw notFound(`Item ${clean.itemId} is not in the catalog.`);
    const record = Object.assign(new OverrideRecord(), {
      id: randomUUID(),
      ...clean,
      author,
      createdAt: this.clock.now().toISOString(),
      endedAt: null,
      endedBy: null,
    });
    await this.tx.run((manager) => manager.insert(OverrideRecord, record));
    return record;
  }

  /** Ends an override now; the record stays in the log. */
  async end(id: string, by: string): Promise<OverrideRecord> {
    return this.tx.run(async (manager) => {
      const repo = manager.getRepository(OverrideRecord);
      const record = await repo.findOneBy({ id });
      if (!record) throw notFound('That override does not exist.');
      if (record.endedAt) return record;
      return repo.save({ ...record, endedAt: this.clock.now().toISOString(), endedBy: by });
    });
  }

  /** The override log, newest first. */
  log(first: number): Promise<OverrideRecord[]> {
    return this.db.getRepository(OverrideRecord).find({ order: { createdAt: 'DESC', id: 'ASC' }, take: first });
  }

  /** Overrides in force now for a surface. */
  async active(surface: Surface): Promise<ActiveOverride[]> {
    const now = this.clock.now().toISOString();
    // Read on every list: hand-written (see raw-sql.ts).
    return rawQuery<ActiveOverride>(
      this.db,
      'SELECT id, kind, "itemId", position, boost, "reasonCategory" FROM {overrides} WHERE "startsAt" <= ? AND "endsAt" > ? AND "endedAt" IS NULL AND (surface IS NULL OR surface = ?) ORDER BY "createdAt" ASC, id ASC',
      [now, now, surface],
    );
  }
}

function validate(
  input: OverrideInput,
  now: Date,
): Omit<OverrideInput, 'surface'> & { surface: Surface | null; position: number | null; boost: number | null } {
  const justification = input.justification.trim();
  if (justification.length < 10 || justification.length > 1000) {
    throw badInput('Explain the override in 10 to 1000 characters; the justification is kept in the override log.', { field: 'justification' });
  }
  for (const field of ['startsAt', 'endsAt'] as const) {
    const problem = timeProblem(field, input[field], now, { past: true, future: true });
    if (problem) throw badInput(`${capitalized(problem)}.`, { field });
  }
  const starts = parseIsoTime(input.startsAt)!.getTime();
  const ends = parseIsoTime(input.endsAt)!.getTime();
  if (ends <= starts) throw badInput('An override must end after it starts.', { field: 'endsAt' });
  if (ends - starts > MAX_WINDOW_DAYS * 86_400_000) throw badInput(`An override may run for at most ${MAX_WINDOW_DAYS} days.`, { field: 'endsAt' });
  let position: number | null = null;
  let boost: number | null = null;
  if (input.kind === 'PIN') {
    position = input.position ?? null;
    if (position === null || !Number.isInteger(position) || position < 1 || position > MAX_POSITION) {
      throw badInput(`A pin needs a position from 1 to ${MAX_POSITION}.`, { field: 'position' });
    }
  } else {
    boost = input.boost ?? null;
    if (boost === null || !Number.isFinite(boost) || boost <= 0 || boost > MAX_BOOST) {
      throw badInput(`A boost needs an amount above 0 and at most ${MAX_BOOST}.`, { field: 'boost' });
    }
  }
  return {
    kind: input.kind,
    itemId: input.itemId,
    surface: input.surface ?? null,
    position,
    boost,
    reasonCategory: input.reasonCategory,
    justification,
    startsAt: new Date(starts).toISOString(),
    endsAt: new Date(ends).toISOString(),
  };
}
