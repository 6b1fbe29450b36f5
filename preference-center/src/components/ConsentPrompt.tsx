import { useConsents } from '../api/use-consents.js';
import { ErrorMessage } from './Feedback.js';
import { PurposeCard } from './PurposeCard.js';

/** Shows one purpose's notice with its switch, where an action needs that consent first. */
export function ConsentPrompt({ purpose, onGranted }: { purpose: string; onGranted?: () => void }) {
  const { purposes, consents, setConsent, pending, error } = useConsents();
  const info = purposes.find((p) => p.id === purpose);
  if (!info) return null;
  return (
    <div className="consent-prompt">
      <ErrorMessage error={error} />
      <PurposeCard
        purpose={info}
        consent={consents.get(purpose)}
        busy={pending === purpose}
        onChange={async (granted) => {
          if (!(await setConsent(purpose, granted)) && granted) onGranted?.();
        }}
      />
    </div>
  );
}

/** The purpose a CONSENT_REQUIRED error names, if it is one. */
export function requiredPurpose(error: { graphQLErrors: { extensions?: Record<string, unknown> }[] } | null | undefined): string | null {
  const extensions = error?.graphQLErrors[0]?.extensions;
  if (extensions?.code !== 'CONSENT_REQUIRED') return null;
  return typeof extensions.purpose === 'string' ? extensions.purpose : 'personalization.stated';
}
