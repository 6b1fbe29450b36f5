/**
 * Before any load: many customers ask for their own data at the same moment, several times over,
 * and every answer must be the one that customer gets when asking alone. A gateway that merges
 * two customers' subgraph requests (de-duplication keyed without the principal) fails here.
 */
const WHO_AM_I = `query WhoAmI { me { id displayName consents { purpose granted } statedPreferences { kind value sentiment } } }`;
const ROUNDS = 5;

export interface IsolationResult {
  passed: boolean;
  answers: number;
  mismatches: number;
  firstMismatch?: string;
}

export async function checkIsolation(url: string, customers: { id: string; token: string }[]): Promise<IsolationResult> {
  const ask = async (token: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: WHO_AM_I }),
    });
    return JSON.stringify(await response.json());
  };
  const alone = new Map<string, string>();
  for (const c of customers) alone.set(c.id, await ask(c.token));
  let answers = 0;
  let mismatches = 0;
  let firstMismatch: string | undefined;
  for (let round = 0; round < ROUNDS; round += 1) {
    const together = await Promise.all(customers.map(async (c) => ({ id: c.id, body: await ask(c.token) })));
    for (const { id, body } of together) {
      answers += 1;
      const expected = alone.get(id)!;
      const own = expected.includes(`"id":"${id}"`) && body === expected;
      if (!own) {
        mismatches += 1;
        firstMismatch ??= `${id} got ${body.slice(0, 200)}`;
      }
    }
  }
  return { passed: mismatches === 0, answers, mismatches, firstMismatch };
}
