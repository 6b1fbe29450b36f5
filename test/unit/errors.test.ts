import { ApolloServer } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode, createErrorFormatter } from '../../subgraphs/shared/errors.js';

/** A tiny server whose resolvers fail the ways ours can, formatted by the one error formatter every server uses. */
async function serverFailingWith(errors: Record<string, () => never>) {
  const logged: unknown[] = [];
  const server = new ApolloServer({
    typeDefs: `type Query { ${Object.keys(errors)
      .map((f) => `${f}: String`)
      .join(' ')} }`,
    resolvers: { Query: errors },
    formatError: createErrorFormatter({ log: (e) => logged.push(e) }),
    includeStacktraceInErrorResponses: false,
  });
  await server.start();
  return { server, logged };
}

describe('errors clients see', () => {
  it('never pass on a driver’s or a bug’s message; ours keep their code and words', async () => {
    const { server, logged } = await serverFailingWith({
      driver: () => {
        throw Object.assign(new Error('duplicate key value violates unique constraint "UQ_x"'), { code: '23505' });
      },
      bug: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'id')");
      },
      ours: () => {
        throw new AppError(ErrorCode.CONSENT_REQUIRED, 'Turn on this purpose first.', { purpose: 'analytics' });
      },
    });
    const response = await server.executeOperation({ query: '{ driver bug ours }' });
    const body = response.body.kind === 'single' ? response.body.singleResult : null;
    expect(body?.errors).toEqual([
      {
        message: 'Something went wrong on our side. Nothing was changed; please try again.',
        locations: [{ line: 1, column: 3 }],
        path: ['driver'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
      {
        message: 'Something went wrong on our side. Nothing was changed; please try again.',
        locations: [{ line: 1, column: 10 }],
        path: ['bug'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
      {
        message: 'Turn on this purpose first.',
        locations: [{ line: 1, column: 14 }],
        path: ['ours'],
        extensions: { code: 'CONSENT_REQUIRED', purpose: 'analytics' },
      },
    ]);
    expect(logged).toHaveLength(2); // the unexpected ones are logged on the server, with their cause
    await server.stop();
  });
});
