import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The graph's customer, extended by key; `grantedPurposes` comes from consent through `@requires`. */
@Directive(`@key(fields: "id")`)
@ObjectType()
export class Customer {
  @Field(() => ID) id: string;

  @Directive('@external')
  @Field(() => [String])
  grantedPurposes: string[];
}

@ObjectType({ description: 'Something gen-5465 keeps about the customer.' })
export class Gen5465Entry {
  @Field(() => ID) id: string;
  @Field(() => String) text: string;
  @Field(() => String) createdAt: string;
}
