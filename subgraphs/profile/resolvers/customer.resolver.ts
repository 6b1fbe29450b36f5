import { Authorized, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { SELF } from '../../shared/authorization.js';
import { TaggedSignal } from '../../shared/signal.types.js';
import type { PreferenceService } from '../services/preference.service.js';
import type { SignalService } from '../services/signal.service.js';
import { Customer, SignalSummary, StatedPreference } from '../types/profile.types.js';

@Resolver(() => Customer)
export class ProfileCustomerResolver {
  constructor(
    private readonly preferences: PreferenceService,
    private readonly signalService: SignalService,
  ) {}

  @FieldResolver(() => [StatedPreference], { nullable: true, description: 'Null only when the profile service did not answer.' })
  @Authorized(SELF)
  async statedPreferences(@Root() customer: Customer): Promise<StatedPreference[]> {
    return (await this.preferences.list(customer.id)) as StatedPreference[];
  }

  @Directive('@inaccessible')
  @FieldResolver(() => [TaggedSignal], { description: 'Purpose-tagged signals, for `@requires` only; never for clients.' })
  @Authorized(SELF)
  async storedSignals(@Root() customer: Customer): Promise<TaggedSignal[]> {
    return this.signalService.storedSignals(customer.id);
  }

  @Directive('@requires(fields: "grantedPurposes")')
  @FieldResolver(() => SignalSummary, {
    nullable: true,
    description: 'What we use about you now (gated by your consent), and what we hold back. Null only when the profile service did not answer.',
  })
  @Authorized(SELF)
  async signals(@Root() customer: Customer): Promise<SignalSummary> {
    return this.signalService.summary(customer.id, customer.grantedPurposes);
  }
}
