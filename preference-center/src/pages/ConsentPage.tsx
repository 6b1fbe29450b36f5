import { useEffect, useState } from 'react';
import { useQuery, type CombinedError } from 'urql';
import { GPC_STATUS } from '../api/operations.js';
import type { Consent, GpcStatus } from '../api/types.js';
import { useConsents } from '../api/use-consents.js';
import { ConsentHistory } from '../components/ConsentHistory.js';
import { ErrorMessage, Loading, type ActionFeedback } from '../components/Feedback.js';
import { GpcPanel } from '../components/GpcPanel.js';
import { PurposeCard, type GpcNote } from '../components/PurposeCard.js';
import { ReceiptsPanel } from '../components/ReceiptsPanel.js';
import { ReconsentBanner } from '../components/ReconsentBanner.js';
import { SwitchOffAll } from '../components/SwitchOffAll.js';
import { PageHeading } from '../components/PageHeading.js';
import { useStrings } from '../i18n/locale.js';

/** Consent per purpose, with the notice text, re-consent, GPC, history and receipts. */
export function ConsentPage() {
  const t = useStrings();
  const { result, purposes, consents, setConsent, pending, refetch } = useConsents();
  const [gpcResult, refetchGpc] = useQuery<{ me: { id: string; gpc: GpcStatus | null } | null }>({ query: GPC_STATUS });
  const [refreshKey, setRefreshKey] = useState(0);
  const [feedback, setFeedback] = useState<ActionFeedback | null>(null);
  useEffect(() => {
    if (refreshKey > 0) refetchGpc({ requestPolicy: 'network-only' });
  }, [refreshKey, refetchGpc]);
  const gpc = gpcResult.data?.me?.gpc ?? null;

  const change = async (purpose: string, granted: boolean) => {
    const title = purposes.find((p) => p.id === purpose)?.notice.title ?? purpose;
    setFeedback(null);
    const error = await setConsent(purpose, granted);
    if (!error) {
      setFeedback({
        target: purpose,
        text: granted ? t.consent.switchedOn(title) : t.consent.switchedOff(title),
      });
      setRefreshKey((k) => k + 1);
    } else if (isGpcConflict(error)) {
      setFeedback({
        target: purpose,
        error: t.consent.gpcConflict(title),
        actions: [{ label: t.consent.allowAnyway(title), run: () => void change(purpose, true) }],
      });
    } else {
      setFeedback({ target: purpose, error });
    }
    // The control that changed keeps focus (also when the change came from the re-consent banner).
    document.getElementById(`switch-${purpose}`)?.focus();
  };

  return (
    <>
      <PageHeading title={t.consent.title}>{t.consent.lead}</PageHeading>
      {result.fetching && !result.data && <Loading text={t.consent.loading} />}
      <ErrorMessage error={result.error} />
      <ReconsentBanner purposes={purposes} consents={consents} busy={pending !== null} onAgree={(p) => change(p, true)} />
      <section aria-labelledby="purposes-title">
        <h2 id="purposes-title" className="visually-hidden">
          {t.consent.purposesHeading}
        </h2>
        {purposes.map((p) => (
          <PurposeCard
            key={p.id}
            purpose={p}
            consent={consents.get(p.id)}
            busy={pending === p.id}
            onChange={(granted) => change(p.id, granted)}
            feedback={feedback}
            gpc={gpcNote(gpc, consents.get(p.id))}
          />
        ))}
      </section>
      <SwitchOffAll
        purposes={purposes}
        consents={consents}
        onDone={() => {
          refetch({ requestPolicy: 'network-only' });
          setRefreshKey((k) => k + 1);
        }}
      />
      <GpcPanel gpc={gpc} error={gpcResult.error} loaded={Boolean(gpcResult.data)} consents={consents} />
      <ConsentHistory refreshKey={refreshKey} />
      <ReceiptsPanel refreshKey={refreshKey} />
    </>
  );
}

const isGpcConflict = (error: CombinedError) => error.graphQLErrors.some((e) => e.extensions?.code === 'CONFLICT' && e.extensions.gpc === true);

/** Whether the current state of a purpose is the browser signal's doing, or the customer's choice against it. */
export function gpcNote(gpc: GpcStatus | null, consent: Consent | undefined): GpcNote {
  if (!gpc?.honored || !consent?.decidedAt) return null;
  if (consent.status === 'GRANTED' && gpc.deniedPurposes.includes(consent.purpose)) return 'chosen-despite-gpc';
  const turnedOff = gpc.conflicts.some((c) => c.purpose === consent.purpose && c.resolution === 'GPC_HONORED' && c.detectedAt === consent.decidedAt);
  return consent.status === 'DENIED' && turnedOff ? 'turned-off-by-gpc' : null;
}
