import {
  Kind,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';
import { AppError, ErrorCode } from '../subgraphs/shared/errors.js';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  /** Fields weighted by the page sizes (`first`) of the lists they are inside. */
  maxCost: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 12, maxAliases: 30, maxCost: 20_000 };

interface Measure {
  depth: number;
  aliases: number;
  cost: number;
}

/** One validation rule for depth, aliases and cost, so abusive queries never reach a subgraph. */
export function queryLimitsRule(limits: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const fragments = new Map(
        context
          .getDocument()
          .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
          .map((f) => [f.name.value, f]),
      );
      const m = measure(operation.selectionSet, fragments, new Set(), 1);
      const problem =
        m.depth > limits.maxDepth
          ? `is nested ${m.depth} levels deep; the limit is ${limits.maxDepth}`
          : m.aliases > limits.maxAliases
            ? `uses ${m.aliases} aliases; the limit is ${limits.maxAliases}`
            : m.cost > limits.maxCost
              ? `would cost ${m.cost} (fields times page sizes); the limit is ${limits.maxCost}`
              : null;
      if (problem) {
        context.reportError(
          new AppError(ErrorCode.QUERY_TOO_COMPLEX, `This query ${problem}. Ask for less at once.`, {
            depth: m.depth,
            aliases: m.aliases,
            cost: m.cost,
          }),
        );
      }
    },
  });
}

function measure(
  set: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
  multiplier: number,
): Measure {
  const total: Measure = { depth: 0, aliases: 0, cost: 0 };
  for (const selection of set?.selections ?? []) {
    let inner: Measure;
    if (selection.kind === Kind.FIELD) {
      const pageSize = firstArgument(selection);
      const child = measure(selection.selectionSet, fragments, visiting, multiplier * pageSize);
      inner = { depth: child.depth + 1, aliases: child.aliases + (selection.alias ? 1 : 0), cost: child.cost + multiplier };
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      inner = measure(selection.selectionSet, fragments, visiting, multiplier);
    } else {
      const name = selection.name.value;
      if (visiting.has(name)) continue; // cycles are reported by graphql's own NoFragmentCycles rule
      visiting.add(name);
      inner = measure(fragments.get(name)?.selectionSet, fragments, visiting, multiplier);
      visiting.delete(name);
    }
    total.depth = Math.max(total.depth, inner.depth);
    total.aliases += inner.aliases;
    total.cost += inner.cost;
  }
  return total;
}

function firstArgument(field: FieldNode): number {
  const arg = field.arguments?.find((a) => a.name.value === 'first');
  return arg ? Math.max(1, literalInt(arg.value) ?? 50) : 1;
}

function literalInt(value: ValueNode): number | null {
  return value.kind === Kind.INT ? Number(value.value) : null;
}
