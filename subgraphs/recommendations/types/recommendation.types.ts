import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Contribution } from '../../shared/contribution.types.js';
import { TaggedSignal } from '../../shared/signal.types.js';

export enum Surface {
  HOME = 'HOME',
  PRODUCT_PAGE = 'PRODUCT_PAGE',
  EMAIL = 'EMAIL',
}
registerEnumType(Surface, { name: 'Surface' });

export enum Slot {
  KNOWN = 'KNOWN',
  ADJACENT = 'ADJACENT',
  WILDCARD = 'WILDCARD',
}
registerEnumType(Slot, { name: 'Slot', description: 'Known preferences, adjacent categories, or a wildcard to explore.' });

@InputType({ description: 'Used for this answer only; never stored.' })
export class ContextInput {
  @Field(() => Surface, { defaultValue: Surface.HOME }) surface: Surface;
  @Field(() => String, { nullable: true }) device?: string | null;
  @Field(() => String, { nullable: true }) locale?: string | null;
  @Field(() => String, { nullable: true, description: 'The category page being looked at, if any.' }) pageCategory?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Items viewed during this visit.' }) viewedItemIds?: string[] | null;
}

@Directive(`@key(fields: "id")`)
@ObjectType()
export class CatalogItem {
  @Field(() => ID) id: string;
  @Field(() => String) title: string;
  @Field(() => String) category: string;
  @Field(() => String) brand: string;
  @Field(() => [String]) attributes: string[];
  @Field(() => Float) price: number;
}

@Directive(`@key(fields: "decisionId itemId")`)
@ObjectType({ description: 'One recommended item within one logged decision.' })
export class Recommendation {
  @Field(() => ID) decisionId: string;
  @Field(() => ID) itemId: string;
  @Field(() => Int) rank: number;
  @Field(() => String, { description: "The item's category, at decision time." }) category: string;
  @Field(() => Float, { description: "Exactly the sum of the contributions' weights." }) score: number;
  @Field(() => Slot) slot: Slot;
  @Field(() => Boolean, { description: 'Placed or boosted by a merchandiser; always disclosed.' }) promoted: boolean;
  @Field(() => [Contribution]) contributions: Contribution[];
  @Directive('@inaccessible')
  @Field(() => Int, { nullable: true, description: 'Internal (for @requires): the consent version the decision read its grants at.' })
  consentVersion: number | null;
}

@ObjectType()
export class RecommendationList {
  @Field(() => ID) decisionId: string;
  @Field(() => Surface) surface: Surface;
  @Field(() => Boolean, { description: 'Whether any of your data shaped this list.' }) personalized: boolean;
  @Field(() => Boolean, { description: 'You are in the comparison group that sees the non-personalized list.' })
  holdout: boolean;
  @Field(() => [Recommendation]) items: Recommendation[];
}

@ObjectType()
export class CatalogFacets {
  @Field(() => [String]) categories: string[];
  @Field(() => [String]) brands: string[];
  @Field(() => [String]) attributes: string[];
}

@Directive(`@key(fields: "id")`)
@ObjectType()
export class Customer {
  @Field(() => ID) id: string;

  @Directive('@external')
  @Field(() => [String])
  grantedPurposes: string[];

  @Directive('@external')
  @Field(() => [TaggedSignal])
  storedSignals: TaggedSignal[];

  @Directive('@external')
  @Field(() => Int)
  consentVersion: number;
}
