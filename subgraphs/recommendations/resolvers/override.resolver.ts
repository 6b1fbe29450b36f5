import { Authorized, Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { badInput } from '../../shared/errors.js';
import type { OverrideService } from '../services/override.service.js';
import { Override, OverrideInput } from '../types/override.types.js';

const MAX_LOG = 200;

/** Merchandisers' pins and boosts. Every one is logged and every item it places is disclosed. */
@Resolver(() => Override)
export class OverrideResolver {
  constructor(private readonly overrides: OverrideService) {}

  @Mutation(() => Override, { description: 'Pins or boosts an item for a time window (merchandisers). Never shown to a customer who said NEVER.' })
  @Authorized('merchandiser', 'admin')
  async createOverride(@Ctx() { principal }: SubgraphContext, @Arg('input', () => OverrideInput) input: OverrideInput): Promise<Override> {
    return (await this.overrides.create(principal.subject ?? 'unknown', input)) as Override;
  }

  @Mutation(() => Override, { description: 'Ends an override now; it stays in the log.' })
  @Authorized('merchandiser', 'admin')
  async endOverride(@Ctx() { principal }: SubgraphContext, @Arg('id', () => ID) id: string): Promise<Override> {
    return (await this.overrides.end(id, principal.subject ?? 'unknown')) as Override;
  }

  @Query(() => [Override], { description: 'The override log, newest first (merchandisers and admins).' })
  @Authorized('merchandiser', 'admin')
  async overrideLog(@Arg('first', () => Int, { defaultValue: 50 }) first: number): Promise<Override[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_LOG) throw badInput(`first must be between 1 and ${MAX_LOG}.`, { field: 'first' });
    return (await this.overrides.log(first)) as Override[];
  }
}
