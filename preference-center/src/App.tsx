import { useEffect, useMemo, useState } from 'react';
import { Provider } from 'urql';
import { createApiClient } from './api/client.js';
import { currentSession, endSession, onErasureElsewhere, onSessionChange, type Session } from './auth/session.js';
import { ConsentPage } from './pages/ConsentPage.js';
import { MyDataPage } from './pages/MyDataPage.js';
import { PreferencesPage } from './pages/PreferencesPage.js';
import { RecommendationsPage } from './pages/RecommendationsPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { PAGES, navigate, useCurrentPage, type PagePath } from './lib/router.js';
import type { Notice } from './pages/SignInPage.js';
import { LanguagePicker, useStrings } from './i18n/locale.js';

export function App() {
  const t = useStrings();
  const [session, setSession] = useState<Session | null>(currentSession);
  const [notice, setNotice] = useState<Notice | null>(null);
  useEffect(() => onSessionChange(setSession), []);
  useEffect(() => onErasureElsewhere((customerId) => setNotice({ text: t.app.erasedElsewhere(customerId) })), [t]);
  const client = useMemo(() => createApiClient(), [session?.token]);
  return (
    <Provider value={client}>
      <a className="skip-link" href="#main">
        {t.app.skipLink}
      </a>
      <header className="site-header">
        <p className="site-name">{t.app.name}</p>
        <LanguagePicker />
        {session && (
          <div className="account">
            <span>{t.app.signedInAs(session.customerId)}</span>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setNotice({ text: t.app.signedOut });
                endSession();
              }}
            >
              {t.app.signOut}
            </button>
          </div>
        )}
      </header>
      {session ? (
        <SignedIn key={session.customerId} onErased={setNotice} />
      ) : (
        <main id="main">
          <SignInPage notice={notice} />
        </main>
      )}
    </Provider>
  );
}

function SignedIn({ onErased }: { onErased: (notice: Notice) => void }) {
  const t = useStrings();
  const page = useCurrentPage();
  return (
    <>
      <nav aria-label={t.app.navLabel} className="site-nav">
        <ul>
          {PAGES.map((p) => (
            <li key={p.path}>
              <a
                href={p.path}
                aria-current={p.path === page ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(p.path);
                }}
              >
                {t.app.pages[p.name]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main">
        <CurrentPage page={page} onErased={onErased} />
      </main>
    </>
  );
}

function CurrentPage({ page, onErased }: { page: PagePath; onErased: (notice: Notice) => void }) {
  switch (page) {
    case '/preferences':
      return <PreferencesPage />;
    case '/recommendations':
      return <RecommendationsPage />;
    case '/my-data':
      return <MyDataPage onErased={onErased} />;
    default:
      return <ConsentPage />;
  }
}
