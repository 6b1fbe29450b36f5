import { useState, type FormEvent } from 'react';
import { setStaffToken, staffToken } from './api.js';
import { DiscoverySection } from './DiscoverySection.js';
import { ExperimentSection } from './ExperimentSection.js';
import { LedgerSection } from './LedgerSection.js';
import { OverrideSection } from './OverrideSection.js';

export interface ReportWindow {
  from: string;
  to: string;
}

const DAY = 86_400_000;
const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The staff console at /staff: measurement against the holdout, overrides, blind spots, the ledger. For merchandisers and administrators. */
export function StaffConsole() {
  const [token, setToken] = useState(staffToken());
  const [window, setWindow] = useState<ReportWindow>(() => {
    const today = Date.parse(dateOnly(Date.now()));
    return { from: new Date(today - 30 * DAY).toISOString(), to: new Date(today + DAY).toISOString() };
  });
  if (!token) return <StaffSignIn onSignedIn={setToken} />;
  const signOut = () => {
    setStaffToken(null);
    setToken(null);
  };
  const pick = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const from = String(form.get('from'));
    const to = String(form.get('to'));
    // The end day is included: the window runs to the following midnight (UTC).
    if (from && to)
      setWindow({ from: new Date(`${from}T00:00:00.000Z`).toISOString(), to: new Date(Date.parse(`${to}T00:00:00.000Z`) + DAY).toISOString() });
  };
  return (
    <>
      <header className="site-header">
        <span className="site-name">Staff console</span>
        <nav aria-label="Staff console" className="site-nav">
          <ul>
            <li>
              <a href="#experiment">Experiment</a>
            </li>
            <li>
              <a href="#overrides">Overrides</a>
            </li>
            <li>
              <a href="#discovery">Discovery</a>
            </li>
            <li>
              <a href="#ledger">Ledger</a>
            </li>
          </ul>
        </nav>
        <button type="button" className="secondary" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main className="staff">
        <h1>Measurement and governance</h1>
        <form className="report-window" onSubmit={pick} aria-label="Report window">
          <label>
            From <input type="date" name="from" defaultValue={window.from.slice(0, 10)} required />
          </label>
          <label>
            To (included) <input type="date" name="to" defaultValue={dateOnly(Date.parse(window.to) - DAY)} required />
          </label>
          <button type="submit">Show</button>
          <span role="status" data-testid="window">
            Lists decided from {window.from.slice(0, 10)} up to {window.to.slice(0, 10)} (UTC)
          </span>
        </form>
        <section id="experiment" aria-labelledby="experiment-heading">
          <h2 id="experiment-heading">Does personalization help? Against the holdout</h2>
          <ExperimentSection window={window} />
        </section>
        <section id="overrides" aria-labelledby="overrides-heading">
          <h2 id="overrides-heading">Overrides: who placed what, and why</h2>
          <OverrideSection window={window} />
        </section>
        <section id="discovery" aria-labelledby="discovery-heading">
          <h2 id="discovery-heading">Where the recommender is blind</h2>
          <DiscoverySection window={window} />
        </section>
        <section id="ledger" aria-labelledby="ledger-heading">
          <h2 id="ledger-heading">Consent ledger</h2>
          <LedgerSection />
        </section>
      </main>
    </>
  );
}

function StaffSignIn({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const token = String(new FormData(event.currentTarget).get('token') ?? '').trim();
    if (!token) return;
    setStaffToken(token);
    onSignedIn(token);
  };
  return (
    <main className="staff">
      <h1>Staff console</h1>
      <p>
        For merchandisers and administrators. Sign in with your staff token (from your identity provider; `npm run simulate -- --keep` prints a demo
        one).
      </p>
      <form onSubmit={submit} className="card">
        <label>
          Staff token <input name="token" type="password" autoComplete="off" required />
        </label>
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
