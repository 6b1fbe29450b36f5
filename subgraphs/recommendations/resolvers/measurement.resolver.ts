import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { requireRole } from '../../shared/principal.js';
import type { MeasurementService } from '../services/measurement.service.js';
import { ExperimentReport } from '../types/experiment-report.types.js';

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
}
