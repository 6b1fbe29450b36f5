import type { Consent, PurposeInfo } from '../api/types.js';
import { useStrings } from '../i18n/locale.js';

/** Asks again when a notice changed materially since the customer agreed to it. */
export function ReconsentBanner(props: {
  purposes: PurposeInfo[];
  consents: Map<string, Consent>;
  busy: boolean;
  onAgree: (purpose: string) => void;
}) {
  const t = useStrings();
  const changed = props.purposes.filter((p) => props.consents.get(p.id)?.needsReconsent);
  if (changed.length === 0) return null;
  return (
    <section className="banner" aria-labelledby="reconsent-title">
      <h2 id="reconsent-title">{t.reconsent.heading}</h2>
      <p>{t.reconsent.intro}</p>
      <ul>
        {changed.map((p) => (
          <li key={p.id}>
            <a href={`#purpose-${p.id}-title`}>{p.notice.title}</a>
            {t.reconsent.nowVersion(p.notice.version)}
            <WhatChanged purpose={p} agreedTo={props.consents.get(p.id)?.noticeVersion ?? null} />
            <button type="button" disabled={props.busy} onClick={() => props.onAgree(p.id)}>
              {t.reconsent.agree(p.notice.version)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The wording the customer agreed to next to the new one, so they can see what changed before agreeing. */
function WhatChanged({ purpose, agreedTo }: { purpose: PurposeInfo; agreedTo: number | null }) {
  const t = useStrings();
  const before = purpose.versions?.find((v) => v.version === agreedTo);
  if (!before) return null;
  return (
    <dl className="what-changed">
      <dt>{t.reconsent.agreedTo(before.version)}</dt>
      <dd>{before.text}</dd>
      <dt>{t.reconsent.now(purpose.notice.version)}</dt>
      <dd>{purpose.notice.text}</dd>
    </dl>
  );
}
