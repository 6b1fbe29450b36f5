import { useCallback, useEffect, useState } from 'react';

/** The staff console's sign-in: a merchandiser's or administrator's token, kept for this tab only. */
const TOKEN_KEY = 'staff-console-token';

export const staffToken = () => sessionStorage.getItem(TOKEN_KEY);
export const setStaffToken = (token: string | null) => (token ? sessionStorage.setItem(TOKEN_KEY, token) : sessionStorage.removeItem(TOKEN_KEY));

export class StaffApiError extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

const MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: 'Your sign-in has expired or the token is not valid. Please sign in again.',
  FORBIDDEN: 'This needs a role you do not have.',
};

/** One GraphQL call to this origin's `/graphql` with the staff token. */
export async function staffRequest<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'omit',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken() ?? ''}`, 'apollographql-client-name': 'staff-console' },
      body: JSON.stringify({ query, variables }),
    });
    body = (await response.json()) as typeof body;
  } catch {
    throw new StaffApiError(undefined, 'We could not reach our service. Check your connection and try again; nothing was changed.');
  }
  const first = body.errors?.[0];
  if (first || !body.data) {
    const code = first?.extensions?.code;
    throw new StaffApiError(code, (code && MESSAGES[code]) ?? first?.message ?? 'Something went wrong on our side; please try again.');
  }
  return body.data;
}

export interface Loaded<T> {
  data: T | null;
  error: StaffApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Runs a query whenever its variables change (and on `reload`). */
export function useStaffQuery<T>(query: string, variables: object): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: StaffApiError | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [round, setRound] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    staffRequest<T>(query, JSON.parse(key) as Record<string, unknown>).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: StaffApiError) => current && setState({ data: null, error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [query, key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}
