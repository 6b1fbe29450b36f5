import type { DecisionRecord } from '../entities/decision.entity.js';
import type { Decision } from '../types/decision.types.js';
import { Slot, type Recommendation, type Surface } from '../types/recommendation.types.js';

/** A logged decision as the graph shows it. */
export function toDecision(record: DecisionRecord): Decision {
  const perSlot = record.inputs.candidates?.perSlot ?? {};
  return {
    decisionId: record.decisionId,
    surface: record.surface as Surface,
    createdAt: record.createdAt,
    modelVersion: record.modelVersion,
    holdout: record.holdout,
    personalized: record.personalized,
    policy: record.policy,
    inputs: {
      signalsUsed: Object.entries(record.inputs.signalsUsedPerPurpose).map(([purpose, count]) => ({ purpose, count })),
      context: { ...record.inputs.context, surface: record.inputs.context.surface as Surface },
      candidatesConsidered: record.inputs.candidates?.considered ?? 0,
      candidatesPerSlot: Object.values(Slot).map((slot) => ({ slot, count: perSlot[slot] ?? 0 })),
      overrideIds: record.inputs.overrideIds ?? [],
    },
    items: record.items.map((item) => ({ ...item, decisionId: record.decisionId, consentVersion: record.consentVersion })) as Recommendation[],
  };
}
