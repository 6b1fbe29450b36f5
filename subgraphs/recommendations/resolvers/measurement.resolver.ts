import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { requireRole } from '../../shared/principal.js';
import type { MeasurementService } from '../services/measurement.service.js';
import { ExperimentReport } from '../types/experiment-report.types.js';
import { DiscoveryAudit, OverrideReport } from '../types/governance-report.types.js';

/** Staff reports: honest measurement against the holdout, override accountability, blind spots. Reads only. */
@Resolver()
export class MeasurementResolver {
  constructor(private readonly measurement: MeasurementService) {}

  @Query(() => ExperimentReport, { description: 'Personalized against holdout over [from, to) (merchandisers and admins).' })
  async experimentReport(
    @Ctx() { principal }: SubgraphContext,
    @Arg('from', () => String) from: string,
    @Arg('to', () => String) to: string,
  ): Promise<ExperimentReport> {
    requireRole(principal, 'merchandiser', 'admin');
    return (await this.measurement.experiment(from, to)) as ExperimentReport;
  }

  @Query(() => OverrideReport, {
    description:
      'Every override in force in [from, to): author, reason, justification, window, and outcome against what it displaced (merchandisers and admins).',
  })
  async overrideReport(
    @Ctx() { principal }: SubgraphContext,
    @Arg('from', () => String) from: string,
    @Arg('to', () => String) to: string,
  ): Promise<OverrideReport> {
    requireRole(principal, 'merchandiser', 'admin');
    return (await this.measurement.overrides(from, to)) as OverrideReport;
  }

  @Query(() => DiscoveryAudit, {
    description: 'Algorithmic blindness over [from, to): satisfying items rarely shown, coverage, slot shares, segments (merchandisers and admins).',
  })
  async discoveryAudit(
    @Ctx() { principal }: SubgraphContext,
    @Arg('from', () => String) from: string,
    @Arg('to', () => String) to: string,
  ): Promise<DiscoveryAudit> {
    requireRole(principal, 'merchandiser', 'admin');
    return (await this.measurement.discovery(from, to)) as DiscoveryAudit;
  }
}
