import { useState } from 'react';
import { useConsents } from '../api/use-consents.js';
import { ConsentHistory } from '../components/ConsentHistory.js';
import { ErrorMessage, Loading, StatusMessage } from '../components/Feedback.js';
import { GpcPanel } from '../components/GpcPanel.js';
import { PurposeCard } from '../components/PurposeCard.js';
import { ReceiptsPanel } from '../components/ReceiptsPanel.js';
import { ReconsentBanner } from '../components/ReconsentBanner.js';
import { PageHeading } from '../components/PageHeading.js';

/** Consent per purpose, with the notice text, re-consent, GPC, history and receipts. */
export function ConsentPage() {
  const { result, purposes, consents, setConsent, pending, error } = useConsents();
  const [refreshKey, setRefreshKey] = useState(0);
  const [status, setStatus] = useState<string | null>(null);

  const change = async (purpose: string, granted: boolean) => {
    const title = purposes.find((p) => p.id === purpose)?.notice.title ?? purpose;
    setStatus(null);
    if (await setConsent(purpose, granted)) {
      setStatus(granted ? `Switched on: ${title}.` : `Switched off: ${title}. It stops being used from your next visit.`);
      setRefreshKey((k) => k + 1);
    }
  };

  return (
    <>
      <PageHeading title="What we may use your data for">
        Each use below is off until you switch it on, and you can switch it off again just as easily. Switching one off takes effect at once.
      </PageHeading>
      {result.fetching && !result.data && <Loading what="your choices" />}
      <ErrorMessage error={result.error} />
      <ReconsentBanner purposes={purposes} consents={consents} busy={pending !== null} onAgree={(p) => change(p, true)} />
      <ErrorMessage error={error} />
      <StatusMessage text={status} />
      <section aria-labelledby="purposes-title">
        <h2 id="purposes-title" className="visually-hidden">
          Purposes
        </h2>
        {purposes.map((p) => (
          <PurposeCard key={p.id} purpose={p} consent={consents.get(p.id)} busy={pending === p.id} onChange={(granted) => change(p.id, granted)} />
        ))}
      </section>
      <GpcPanel refreshKey={refreshKey} />
      <ConsentHistory refreshKey={refreshKey} />
      <ReceiptsPanel refreshKey={refreshKey} />
    </>
  );
}
