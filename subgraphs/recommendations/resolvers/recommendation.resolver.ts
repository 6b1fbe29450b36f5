import { Arg, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { badInput, notFound } from '../../shared/errors.js';
import type { CatalogService } from '../services/catalog.service.js';
import type { DecisionService } from '../services/decision.service.js';
import { CatalogFacets, CatalogItem, ContextInput, Recommendation, RecommendationList } from '../types/recommendation.types.js';
import { toRecommendationList, toRequestContext, validateFirst } from './context.js';

const MAX_ITEMS_PER_LOOKUP = 500;

@Resolver(() => Recommendation)
export class RecommendationResolver {
  constructor(
    private readonly decisions: DecisionService,
    private readonly catalog: CatalogService,
  ) {}

  @Query(() => RecommendationList, {
    description: 'The non-personalized list for a context: what anonymous and non-consenting visitors see.',
  })
  async recommendations(
    @Arg('context', () => ContextInput, { nullable: true }) context: ContextInput | null,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
  ): Promise<RecommendationList> {
    const decision = await this.decisions.decide({
      customerId: null,
      grantedPurposes: [],
      storedSignals: [],
      context: toRequestContext(context),
      first: validateFirst(first),
    });
    return toRecommendationList(decision);
  }

  @Query(() => CatalogItem, { nullable: true })
  async catalogItem(@Arg('id', () => ID) id: string): Promise<CatalogItem | null> {
    return (await this.catalog.current()).byId.get(id) ?? null;
  }

  @Query(() => [CatalogItem], { description: 'Catalog items by id (at most 500), for naming products; unknown ids are left out.' })
  async catalogItems(@Arg('ids', () => [ID]) ids: string[]): Promise<CatalogItem[]> {
    if (ids.length > MAX_ITEMS_PER_LOOKUP) throw badInput(`Ask for at most ${MAX_ITEMS_PER_LOOKUP} items at once.`, { field: 'ids' });
    const index = await this.catalog.current();
    return [...new Set(ids)].flatMap((id) => index.byId.get(id) ?? []);
  }

  @Query(() => CatalogFacets, { description: 'Known categories, brands and attributes, for suggestions.' })
  async catalogFacets(): Promise<CatalogFacets> {
    const index = await this.catalog.current();
    return { categories: index.categories, brands: index.brands, attributes: index.attributes };
  }

  @FieldResolver(() => CatalogItem)
  async item(@Root() recommendation: Recommendation): Promise<CatalogItem> {
    const item = (await this.catalog.current()).byId.get(recommendation.itemId);
    if (!item) throw notFound(`Item ${recommendation.itemId} is no longer in the catalog.`);
    return item;
  }
}

@Resolver(() => CatalogItem)
export class CatalogItemResolver {
  constructor(private readonly catalog: CatalogService) {}

  @FieldResolver(() => String, { description: 'The ISO 4217 currency of `price`.' })
  currency(): string {
    return this.catalog.currency;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The item's page in the shop (CATALOG_PRODUCT_URL_TEMPLATE); null when the shop has no product pages to link to.",
  })
  url(@Root() item: CatalogItem): string | null {
    return this.catalog.productUrl(item.id);
  }
}
