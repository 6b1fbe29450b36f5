import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { CONTRIBUTION_SELECTION } from '../../shared/contribution.types.js';
import type { ExplanationService } from '../services/explanation.service.js';
import { Explanation, Recommendation } from '../types/explanation.types.js';

@Resolver(() => Recommendation)
export class ExplanationResolver {
  constructor(private readonly explanations: ExplanationService) {}

  @Directive(`@requires(fields: "category consentVersion contributions { ${CONTRIBUTION_SELECTION} }")`)
  @FieldResolver(() => Explanation, {
    nullable: true,
    description: 'Why this item is here, in plain words, with what you can do about it. Null only when the explanations service did not answer.',
  })
  async explanation(@Root() rec: Recommendation, @Ctx() { principal }: SubgraphContext): Promise<Explanation> {
    const explanation = this.explanations.explain(rec);
    // Only customers' views are kept (for their export); anonymous views would be unattributable rows.
    if (principal.role === 'customer' && principal.subject) await this.explanations.recordShown(rec, principal.subject);
    return explanation;
  }
}
