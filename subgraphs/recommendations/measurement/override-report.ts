import type { OverrideRecord } from '../entities/override.entity.js';
import type { AttributedExposure } from './attribution.js';
import { outcomeOf, type Outcome } from './outcomes.js';

export interface OverrideAccount {
  override: OverrideRecord;
  /** The items it placed or boosted, in lists decided in the window. */
  promoted: Outcome;
  /**
   * The items it displaced: in the same lists, the item the promoted one was placed above (the
   * one right below it, not itself promoted), which is where a pin pushes the item that was there.
   */
  displaced: Outcome;
}

/** Every override in force at some time in the window, newest first, with what it led to against what it displaced. */
export function overrideReport(overrides: readonly OverrideRecord[], exposures: readonly AttributedExposure[]): OverrideAccount[] {
  const byDecision = new Map<string, AttributedExposure[]>();
  for (const e of exposures) {
    const list = byDecision.get(e.decisionId);
    if (list) list.push(e);
    else byDecision.set(e.decisionId, [e]);
  }
  return overrides.map((override) => {
    const promoted = exposures.filter((e) => e.overrideIds.includes(override.id));
    const displaced = promoted
      .map((p) => byDecision.get(p.decisionId)!.find((e) => e.rank === p.rank + 1 && !e.promoted))
      .filter((e): e is AttributedExposure => e !== undefined);
    return { override, promoted: outcomeOf(promoted), displaced: outcomeOf(displaced) };
  });
}
