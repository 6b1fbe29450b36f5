import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type ASTVisitor, type GraphQLFormattedError, type ValidationContext, type ValueNode } from 'graphql';
import { AppError, ErrorCode } from '../subgraphs/shared/errors.js';

/**
 * Client mistakes the gateway's query planner would otherwise raise as uncoded errors (answered
 * 500): no operation to run (several without `operationName`, or an unknown one) and a
 * subscription, which this graph does not offer.
 */
export function operationChecksPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (!operation) {
            const named = request.operationName;
            const count = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
            const message = named
              ? `This request has no operation named "${named.slice(0, 100)}".`
              : count > 1
                ? 'This request holds several operations: name the one to run in "operationName".'
                : 'This request holds no operation to run.';
            throw new AppError(ErrorCode.OPERATION_RESOLUTION_FAILURE, message, { http: { status: 400 } });
          }
          if (operation.operation === 'subscription') {
            throw new AppError(ErrorCode.BAD_REQUEST, 'Subscriptions are not offered: ask with a query instead.', {
              http: { status: 400 },
            });
          }
          if (holdsNul(request.variables)) throw new AppError(ErrorCode.BAD_USER_INPUT, NUL_MESSAGE, { http: { status: 400 } });
        },
      };
    },
  };
}

/**
 * A number literal too large for a double (`1e400`) passes GraphQL's own Float parsing as
 * Infinity and fails only later, in the query planner; refuse it while validating.
 */
export function finiteNumbersRule(context: ValidationContext): ASTVisitor {
  const check = (node: ValueNode & { value: string }) => {
    if (!Number.isFinite(Number(node.value))) {
      const shown = node.value.length > 24 ? `${node.value.slice(0, 24)}…` : node.value;
      context.reportError(new AppError(ErrorCode.BAD_USER_INPUT, `The number ${shown} is too large.`));
    }
  };
  return { FloatValue: check, IntValue: check };
}

/**
 * Production does not describe its schema: introspection is refused (in words that name no server
 * software) and "Did you mean …?" suggestions, which would reveal field and type names, are removed.
 */
export function noIntrospectionRule(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        context.reportError(new AppError(ErrorCode.GRAPHQL_VALIDATION_FAILED, 'This server does not describe its schema (introspection is off).'));
      }
    },
  };
}

export function withoutSuggestions(format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = format(formatted, error);
    return { ...result, message: result.message.replace(/ ?Did you mean .+?\?$/, '') };
  };
}

const NUL_MESSAGE = 'Text may not contain the NUL character (U+0000).';

/** Whether any string in a request's variables holds U+0000 (which PostgreSQL cannot store or compare). */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === 'object') return Object.values(value).some(holdsNul);
  return false;
}

/**
 * A string literal holding U+0000 is refused while validating: no field of this graph takes one,
 * and PostgreSQL refuses it in a query (an internal error for what is the client's mistake).
 */
export function noNulCharactersRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node) {
      if (node.value.includes('\u0000')) context.reportError(new AppError(ErrorCode.BAD_USER_INPUT, NUL_MESSAGE));
    },
  };
}
