import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ServedItem, Slot, SlotPolicy, Surface } from '../engine/types.js';

/** Context is used per request and never stored (SPEC §5): the log keeps only its shape. */
export interface ContextSummary {
  surface: Surface;
  pageCategoryGiven: boolean;
  sessionItemCount: number;
}

export interface DecisionInputs {
  signalsUsedPerPurpose: Record<string, number>;
  context: ContextSummary;
  /** How many candidates were scored, per slot kind (absent in decisions logged before slots). */
  candidates?: { considered: number; perSlot: Record<string, number> };
  /** The overrides in force. */
  overrideIds?: string[];
}

/** An item a decision showed, as the staff reports read it: no scores or contributions. */
export interface ShownItem {
  itemId: string;
  rank: number;
  category: string;
  slot: Slot;
  /** The overrides that placed or boosted it. */
  promotedBy: string[];
}

/** The decision log: what was served, to whom, with every score's contributions and the policy. */
@Entity('decisions')
@Index(['customerId', 'createdAt'])
@Index('decisions_created_at', ['createdAt'])
export class DecisionRecord {
  @PrimaryColumn('varchar', { length: 36 })
  decisionId: string;

  /** Null for anonymous visitors. */
  @Column('varchar', { length: 64, nullable: true })
  customerId: string | null;

  @Column('varchar', { length: 24 })
  surface: string;

  /** Counts of the signals used per purpose and the context's shape: no raw signals, no raw context. */
  @Column('simple-json')
  inputs: DecisionInputs;

  @Column('simple-json')
  policy: SlotPolicy;

  @Column('simple-json')
  items: ServedItem[];

  @Column('varchar', { length: 32 })
  modelVersion: string;

  @Column('boolean')
  holdout: boolean;

  @Column('boolean')
  personalized: boolean;

  @Column('varchar', { length: 32 })
  createdAt: string;

  /** The consent version the customer's grants were read at (null: anonymous, or logged before versions). */
  @Column('integer', { nullable: true })
  consentVersion: number | null;

  /** The items shown, when browsing consent allowed counting them (saturation and the frequency cap read only this); [] when not; null in older rows. */
  @Column('simple-json', { nullable: true })
  impressionItemIds: string[] | null;

  /** The customer's personalization grants when it was decided, as one label (see decision-summary.ts); null: anonymous, or logged before. */
  @Column('varchar', { length: 255, nullable: true })
  consentLevel: string | null;

  /** The items shown, compactly, for the staff reports (null in rows logged before; they read `items`). */
  @Column('simple-json', { nullable: true })
  shown: ShownItem[] | null;
}
