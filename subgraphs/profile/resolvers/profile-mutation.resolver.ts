import { Authorized, Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import type { EventService } from '../services/event.service.js';
import type { PreferenceService } from '../services/preference.service.js';
import { EventInput, IngestResult, StatedPreference, StatedPreferenceInput } from '../types/profile.types.js';

@Resolver()
export class ProfileMutationResolver {
  constructor(
    private readonly preferences: PreferenceService,
    private readonly events: EventService,
  ) {}

  @Mutation(() => StatedPreference, {
    description: 'Adds a preference. One with the same kind and value is updated, or with `replace: false` refused (CONFLICT) when it differs.',
  })
  @Authorized('customer')
  async addStatedPreference(
    @Ctx() { principal }: SubgraphContext,
    @Arg('input', () => StatedPreferenceInput) input: StatedPreferenceInput,
    @Arg('replace', () => Boolean, { nullable: true, defaultValue: true }) replace: boolean,
  ): Promise<StatedPreference> {
    return (await this.preferences.add(principal.subject!, input, { replace: replace !== false })) as StatedPreference;
  }

  @Mutation(() => StatedPreference)
  @Authorized('customer')
  async updateStatedPreference(
    @Ctx() { principal }: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => StatedPreferenceInput) input: StatedPreferenceInput,
  ): Promise<StatedPreference> {
    return (await this.preferences.update(principal.subject!, id, input)) as StatedPreference;
  }

  @Mutation(() => Boolean)
  @Authorized('customer')
  async removeStatedPreference(@Ctx() { principal }: SubgraphContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return this.preferences.remove(principal.subject!, id);
  }

  @Mutation(() => IngestResult, { description: 'Records first-party events; stores only those whose purpose is granted now.' })
  @Authorized('customer')
  async recordEvents(@Ctx() { principal }: SubgraphContext, @Arg('events', () => [EventInput]) events: EventInput[]): Promise<IngestResult> {
    return this.events.record(principal.subject!, events);
  }

  @Mutation(() => IngestResult, {
    description: 'On sign-in, carries over the events of this anonymous visit; keeps only those whose purpose you have granted.',
  })
  @Authorized('customer')
  async mergeAnonymousSession(@Ctx() { principal }: SubgraphContext, @Arg('events', () => [EventInput]) events: EventInput[]): Promise<IngestResult> {
    return this.events.mergeAnonymousSession(principal.subject!, events);
  }
}
