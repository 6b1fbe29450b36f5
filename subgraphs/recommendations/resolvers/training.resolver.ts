import { Authorized, Arg, Directive, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { ModelService } from '../services/model.service.js';
import { TrainingInteractionInput } from '../types/feedback.types.js';

/** Internal: what the profile subgraph forwards for model training. */
@Resolver()
export class TrainingResolver {
  constructor(private readonly model: ModelService) {}

  @Directive('@inaccessible')
  @Mutation(() => Int, {
    description:
      'Internal (service role): interactions of a customer who granted model.training, to learn from. Returns how many were learned (0 when the grant is gone).',
  })
  @Authorized('service')
  async learnInteractions(
    @Arg('customerId', () => ID) customerId: string,
    @Arg('interactions', () => [TrainingInteractionInput]) interactions: TrainingInteractionInput[],
    @Arg('consentVersion', () => Int, { nullable: true, description: 'The consent version the events were collected under; omitted: now.' })
    consentVersion?: number | null,
  ): Promise<number> {
    return this.model.learnForwarded(customerId, interactions, consentVersion ?? null);
  }
}
