import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { AppError, ErrorCode } from '../subgraphs/shared/errors.js';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  /** Fields weighted by the page sizes (`first`) of the lists they are inside. */
  maxCost: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 12, maxAliases: 30, maxCost: 20_000 };

export interface Measure {
  depth: number;
  aliases: number;
  /** Fields, each weighted by the page sizes of the lists it is inside (at one unit of its own). */
  cost: number;
}

/** Picks fields to count (weighted like cost), for example those that write a decision. */
export type FieldPredicate = (parent: GraphQLNamedType, field: GraphQLField<unknown, unknown>) => boolean;

/**
 * Refuses an operation past the depth, alias or cost limit before the gateway plans it. It runs
 * once the operation is known (after validation), so a page size given in a variable counts with
 * the value sent.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!operation) return; // no operation to run: refused by the operation checks
          const { counted: _counted, ...m } = measureOperation(schema, document, operation, request.variables ?? {});
          const problem =
            m.depth > limits.maxDepth
              ? `is nested ${m.depth} levels deep; the limit is ${limits.maxDepth}`
              : m.aliases > limits.maxAliases
                ? `uses ${m.aliases} aliases; the limit is ${limits.maxAliases}`
                : m.cost > limits.maxCost
                  ? `would cost ${m.cost} (fields times page sizes); the limit is ${limits.maxCost}`
                  : null;
          if (problem) {
            throw new AppError(ErrorCode.QUERY_TOO_COMPLEX, `This query ${problem}. Ask for less at once.`, {
              ...m,
              http: { status: 400 },
            });
          }
        },
      };
    },
  };
}

/**
 * Depth, aliases and cost of one operation, in time linear in the document's size: each fragment
 * is measured once (memoized) and a spread adds its figures scaled by the spread's page sizes,
 * instead of walking the fragment again at every spread (2^n for a chain of fragments that each
 * spread the next twice). Fragment cycles are refused by GraphQL's own validation before this runs;
 * should one reach here it counts as nothing rather than looping.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  counts: FieldPredicate = () => false,
): Measure & { counted: number } {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const measured = new Map<string, Counted>();
  const inProgress = new Set<string>();
  const pageSizes = new PageSizes(operation, variables);

  const fragmentMeasure = (name: string): Counted => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return NOTHING;
    inProgress.add(name);
    const m = measureSet(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
    inProgress.delete(name);
    measured.set(name, m);
    return m;
  };

  const measureSet = (set: SelectionSetNode | undefined, parent: GraphQLNamedType | undefined): Counted => {
    const total: Counted = { depth: 0, aliases: 0, cost: 0, counted: 0 };
    for (const selection of set?.selections ?? []) {
      let inner: Counted;
      if (selection.kind === Kind.FIELD) {
        const definition = fieldDefinition(parent, selection.name.value);
        const child = measureSet(selection.selectionSet, definition && namedType(definition.type));
        const pageSize = pageSizes.of(selection, definition);
        inner = {
          depth: child.depth + 1,
          aliases: child.aliases + (selection.alias ? 1 : 0),
          cost: 1 + pageSize * child.cost,
          counted: (parent && definition && counts(parent, definition) ? 1 : 0) + pageSize * child.counted,
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = measureSet(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent);
      } else {
        inner = fragmentMeasure(selection.name.value);
      }
      total.depth = Math.max(total.depth, inner.depth);
      total.aliases += inner.aliases;
      total.cost += inner.cost;
      total.counted += inner.counted;
    }
    return total;
  };

  const m = measureSet(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
  // Past this the exact figure says nothing more (and a long enough chain would print "Infinity").
  const clamp = (n: number) => Math.min(n, Number.MAX_SAFE_INTEGER);
  return { depth: m.depth, aliases: clamp(m.aliases), cost: clamp(m.cost), counted: clamp(m.counted) };
}

type Counted = Measure & { counted: number };
const NOTHING: Counted = Object.freeze({ depth: 0, aliases: 0, cost: 0, counted: 0 });

/**
 * The schema comes from the gateway, which may load another copy of graphql-js than this module
 * (instanceof-based helpers like isObjectType then fail): types are told apart by their shape.
 */
function fieldDefinition(parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === '__schema' || name === '__type' || name === '__typename') return undefined; // introspection: pages of 1
  return parent && 'getFields' in parent ? (parent.getFields()[name] as GraphQLField<unknown, unknown> | undefined) : undefined;
}

export function namedType(type: GraphQLType): GraphQLNamedType {
  return 'ofType' in type ? namedType(type.ofType) : type;
}

/**
 * How many items a list field returns: its `first` argument as written, as sent in a variable
 * (or that variable's default), or else the field's own default page size. Fields without a
 * `first` argument count once.
 */
class PageSizes {
  private readonly variableDefaults = new Map<string, number | undefined>();

  constructor(
    operation: OperationDefinitionNode,
    private readonly variables: Record<string, unknown>,
  ) {
    for (const v of operation.variableDefinitions ?? []) {
      const value = v.defaultValue;
      this.variableDefaults.set(v.variable.name.value, value?.kind === Kind.INT ? Number(value.value) : undefined);
    }
  }

  of(field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined): number {
    const argument = field.arguments?.find((a) => a.name.value === 'first');
    const fieldDefault = definition?.args.find((a) => a.name === 'first')?.defaultValue;
    let size: unknown = fieldDefault;
    if (argument?.value.kind === Kind.INT) size = Number(argument.value.value);
    else if (argument?.value.kind === Kind.VARIABLE) {
      const name = argument.value.name.value;
      size = this.variables[name] ?? this.variableDefaults.get(name) ?? fieldDefault;
    }
    // A value that is not a whole number is refused by GraphQL itself; count it once here.
    return typeof size === 'number' && Number.isInteger(size) ? Math.max(1, size) : 1;
  }
}
