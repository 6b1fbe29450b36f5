import { Arg, Authorized, Query, Resolver } from 'type-graphql';
import type { MeasurementService } from '../services/measurement.service.js';
import { ExperimentReport } from '../types/experiment-report.types.js';
import { DiscoveryAudit, OverrideReport } from '../types/governance-report.types.js';

/** Staff reports: honest measurement against the holdout, override accountability, blind spots. Reads only. */
@Resolver()
export class MeasurementResolver {
  constructor(private readonly measurement: MeasurementService) {}

  @Authorized('merchandiser', 'admin')
  @Query(() => ExperimentReport, { description: 'Personalized against holdout over [from, to) (merchandisers and admins).' })
  async experimentReport(@Arg('from', () => String) from: string, @Arg('to', () => String) to: string): Promise<ExperimentReport> {
    return (await this.measurement.experiment(from, to)) as ExperimentReport;
  }

  @Authorized('merchandiser', 'admin')
  @Query(() => OverrideReport, {
    description:
      'Every override in force in [from, to): author, reason, justification, window, and outcome against what it displaced (merchandisers and admins).',
  })
  async overrideReport(@Arg('from', () => String) from: string, @Arg('to', () => String) to: string): Promise<OverrideReport> {
    return (await this.measurement.overrides(from, to)) as OverrideReport;
  }

  @Authorized('merchandiser', 'admin')
  @Query(() => DiscoveryAudit, {
    description: 'Algorithmic blindness over [from, to): satisfying items rarely shown, coverage, slot shares, segments (merchandisers and admins).',
  })
  async discoveryAudit(@Arg('from', () => String) from: string, @Arg('to', () => String) to: string): Promise<DiscoveryAudit> {
    return (await this.measurement.discovery(from, to)) as DiscoveryAudit;
  }
}
