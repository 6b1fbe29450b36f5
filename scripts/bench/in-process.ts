import { performance } from 'node:perf_hooks';
import { startStack } from '../stack.js';
import { loadConfig } from '../../subgraphs/shared/config.js';
import type { ConsentServices } from '../../subgraphs/consent/schema.js';
import type { ProfileServices } from '../../subgraphs/profile/schema.js';
import type { RecommendationServices } from '../../subgraphs/recommendations/schema.js';
import type { ExplanationServices } from '../../subgraphs/explanations/schema.js';

/**
 * The federation tax: the personalized list with explanations computed by the same services in
 * one process, without HTTP, GraphQL or signing, for the same customers.
 */
export interface InProcessResult {
  lists: number;
  cpuMsPerList: number;
  wallMsPerList: number;
}

export async function measureInProcess(env: Record<string, string>, customerIds: string[], seconds: number): Promise<InProcessResult> {
  const stack = await startStack({ config: loadConfig(env), seed: false, ports: 'free' });
  try {
    const consent = stack.subgraphs.consent.services as ConsentServices;
    const profile = stack.subgraphs.profile.services as ProfileServices;
    const recommendations = stack.subgraphs.recommendations.services as RecommendationServices;
    const explanations = stack.subgraphs.explanations.services as ExplanationServices;
    const list = async (customerId: string) => {
      const [grantedPurposes, consentVersion, storedSignals] = await Promise.all([
        consent.consent.grantedPurposes(customerId),
        consent.ledger.versionOf(customerId),
        profile.signals.storedSignals(customerId),
      ]);
      const decision = await recommendations.decisions.decide({
        customerId,
        grantedPurposes,
        storedSignals,
        consentVersion,
        context: { surface: 'HOME', device: null, locale: null, pageCategory: null, viewedItemIds: [] },
        first: 10,
      });
      // All items at once, as the gateway asks for them (their views share one group commit).
      await Promise.all(
        decision.items.map((item) => {
          const rec = { ...item, decisionId: decision.decisionId, consentVersion: decision.consentVersion };
          explanations.explanations.explain(rec);
          return explanations.explanations.recordShown(rec, customerId);
        }),
      );
    };
    const run = async (ms: number) => {
      let lists = 0;
      const until = performance.now() + ms;
      while (performance.now() < until) await list(customerIds[lists++ % customerIds.length]);
      return lists;
    };
    await run(2_000);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const lists = await run(seconds * 1000);
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { lists, cpuMsPerList: (used.user + used.system) / 1000 / lists, wallMsPerList: wall / lists };
  } finally {
    await stack.close();
  }
}
