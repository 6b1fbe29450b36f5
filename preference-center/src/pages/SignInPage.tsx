import { useEffect, useState } from 'react';
import { listDevCustomers, signInAsDevCustomer, type DevCustomer } from '../auth/dev-sign-in.js';
import { ErrorMessage, Loading, StatusMessage } from '../components/Feedback.js';
import { PageHeading } from '../components/PageHeading.js';

/** Development sign-in: choose one of the demo customers. A real identity provider replaces this page. */
export function SignInPage({ notice }: { notice: string | null }) {
  const [customers, setCustomers] = useState<DevCustomer[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    listDevCustomers()
      .then((list) => {
        setCustomers(list);
        setChosen(list[0]?.id ?? '');
      })
      .catch((e: Error) => setError(e.message));
  }, []);

  return (
    <>
      <PageHeading title="Sign in to your privacy and preferences" />
      <StatusMessage text={notice} />
      <section className="card" aria-labelledby="dev-sign-in-title">
        <h2 id="dev-sign-in-title">Development sign-in</h2>
        <p>This demo has no passwords: choose a demo customer. Your sign-in is kept in this browser tab only and ends when you close it.</p>
        {!customers && !error && <Loading what="demo customers" />}
        <ErrorMessage error={error} />
        {customers && (
          <form
            onSubmit={async (event) => {
              event.preventDefault();
              setBusy(true);
              setError(null);
              try {
                await signInAsDevCustomer(chosen);
              } catch (e) {
                setError((e as Error).message);
                setBusy(false);
              }
            }}
          >
            <div className="field">
              <label htmlFor="customer">Demo customer</label>
              <select id="customer" value={chosen} onChange={(e) => setChosen(e.target.value)}>
                {customers.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.displayName ? `${c.displayName} (${c.id})` : c.id}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" disabled={busy || !chosen}>
              Sign in
            </button>
          </form>
        )}
      </section>
    </>
  );
}
