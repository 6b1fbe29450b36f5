import { Arg, Authorized, Directive, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { MeasurementEventsService } from '../services/measurement-events.service.js';
import { EventType } from '../types/profile.types.js';

@ObjectType()
export class MeasurementEvent {
  @Field(() => Int) seq: number;
  @Field(() => ID) customerId: string;
  @Field(() => EventType) type: EventType;
  @Field(() => ID, { nullable: true }) itemId: string | null;
  @Field(() => String, { nullable: true }) value: string | null;
  @Field(() => ID, { nullable: true }) decisionId: string | null;
  @Field(() => String) occurredAt: string;
}

@ObjectType()
export class MeasurementEventPage {
  @Field(() => [MeasurementEvent]) events: MeasurementEvent[];
  @Field(() => Int, { nullable: true }) next: number | null;
}

/** Internal: the stored events the recommendations service's reports are computed from. */
@Resolver()
export class InternalMeasurementResolver {
  constructor(private readonly events: MeasurementEventsService) {}

  @Directive('@inaccessible')
  @Authorized('service')
  @Query(() => MeasurementEventPage, { description: 'Internal (service role): stored events in [from, to), oldest first, a page at a time.' })
  async measurementEvents(
    @Arg('from', () => String) from: string,
    @Arg('to', () => String) to: string,
    @Arg('types', () => [EventType]) types: EventType[],
    @Arg('fromRecommendations', () => Boolean, { description: 'Only events that name the recommendation they came from.' })
    fromRecommendations: boolean,
    @Arg('after', () => Int, { defaultValue: 0 }) after: number,
  ): Promise<MeasurementEventPage> {
    return (await this.events.page({ from, to, types, fromRecommendations, after })) as MeasurementEventPage;
  }
}
