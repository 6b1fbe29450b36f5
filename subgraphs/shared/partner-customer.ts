import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The graph's `Customer` as every partner subgraph extends it: by key, with `grantedPurposes`
 * from consent through `@requires` (read only through the gate).
 */
@Directive(`@key(fields: "id")`)
@ObjectType('Customer')
export class PartnerCustomer {
  @Field(() => ID) id: string;

  @Directive('@external')
  @Field(() => [String])
  grantedPurposes: string[];
}
