import { useEffect, useState } from 'react';
import { listDevCustomers, signInAsDevCustomer, type DevCustomer } from '../auth/dev-sign-in.js';
import { ErrorMessage, Loading, StatusMessage } from '../components/Feedback.js';
import { PageHeading } from '../components/PageHeading.js';
import { downloadJson } from '../lib/download.js';
import { useStrings } from '../i18n/locale.js';

/** What the sign-in page tells someone who was just signed out, with a file to keep when there is one. */
export interface Notice {
  text: string;
  download?: { label: string; filename: string; content: unknown };
}

/** Development sign-in: choose one of the demo customers. A real identity provider replaces this page. */
export function SignInPage({ notice }: { notice: Notice | null }) {
  const t = useStrings();
  const [customers, setCustomers] = useState<DevCustomer[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    listDevCustomers(t.signIn.unavailable)
      .then((list) => {
        setCustomers(list);
        setChosen(list[0]?.id ?? '');
      })
      .catch((e: Error) => setError(e.message));
    // Asked once: the fallback message is in the language chosen when the page opened.
  }, []);

  return (
    <>
      <PageHeading title={t.signIn.title} />
      <StatusMessage text={notice?.text ?? null}>
        {notice?.download && (
          <p className="message-actions">
            <button type="button" onClick={() => downloadJson(notice.download!.filename, notice.download!.content)}>
              {notice.download.label}
            </button>
          </p>
        )}
      </StatusMessage>
      <section className="card" aria-labelledby="dev-sign-in-title">
        <h2 id="dev-sign-in-title">{t.signIn.devHeading}</h2>
        <p>{t.signIn.devIntro}</p>
        {!customers && !error && <Loading text={t.signIn.loading} />}
        <ErrorMessage error={error} />
        {customers && (
          <form
            onSubmit={async (event) => {
              event.preventDefault();
              setBusy(true);
              setError(null);
              try {
                await signInAsDevCustomer(chosen, t.signIn.failed);
              } catch (e) {
                setError((e as Error).message);
                setBusy(false);
              }
            }}
          >
            <div className="field">
              <label htmlFor="customer">{t.signIn.customer}</label>
              <select id="customer" value={chosen} onChange={(e) => setChosen(e.target.value)}>
                {customers.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.displayName ? `${c.displayName} (${c.id})` : c.id}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" disabled={busy || !chosen}>
              {t.signIn.submit}
            </button>
          </form>
        )}
      </section>
    </>
  );
}
