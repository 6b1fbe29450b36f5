import type { Consent, PurposeInfo } from '../api/types.js';
import { formatDate, formatDateTime } from '../lib/format.js';
import { Switch } from './Switch.js';

/** One purpose: its plain-language notice, what data it covers, and a switch to allow or stop it. */
export function PurposeCard(props: { purpose: PurposeInfo; consent: Consent | undefined; busy: boolean; onChange: (granted: boolean) => void }) {
  const { purpose, consent, busy } = props;
  const { notice } = purpose;
  const granted = purpose.alwaysOn || (consent?.granted ?? false);
  const headingId = `purpose-${purpose.id}-title`;
  const effectId = `purpose-${purpose.id}-effect`;
  return (
    <article className="card purpose" aria-labelledby={headingId} data-purpose={purpose.id}>
      <div className="purpose-header">
        <h3 id={headingId}>{notice.title}</h3>
        {purpose.alwaysOn ? (
          <span className="badge">Always on</span>
        ) : (
          <Switch
            id={`switch-${purpose.id}`}
            checked={granted}
            busy={busy}
            label={`Allow: ${notice.title}`}
            describedBy={effectId}
            onChange={props.onChange}
          />
        )}
      </div>
      <p>{notice.text}</p>
      <dl className="facts">
        <dt>Data covered</dt>
        <dd>{notice.dataCategories.length > 0 ? notice.dataCategories.join(', ') : 'none'}</dd>
        <dt>Kept for</dt>
        <dd>{notice.retentionDays} days</dd>
        <dt>Notice</dt>
        <dd>
          version {notice.version}, in effect since {formatDate(notice.effectiveAt)}
        </dd>
        {consent?.decidedAt && (
          <>
            <dt>Your choice</dt>
            <dd>
              {describeStatus(consent)} on {formatDateTime(consent.decidedAt)}
              {consent.noticeVersion ? ` (notice version ${consent.noticeVersion})` : ''}
              {consent.expiresAt ? `, until ${formatDate(consent.expiresAt)}` : ''}
            </dd>
          </>
        )}
      </dl>
      <p id={effectId} className="effect">
        {purpose.alwaysOn
          ? 'Needed to run your account. It is never used to personalize what you see.'
          : granted
            ? 'Switching this off stops its use from your next visit and deletes the data we collected only for it.'
            : 'Off: we do not collect or use this data. You can switch it on or off again at any time.'}
      </p>
      {consent?.needsReconsent && (
        <p className="reconsent-note">This notice changed since you agreed. Your earlier choice no longer counts until you switch it on again.</p>
      )}
    </article>
  );
}

function describeStatus(consent: Consent): string {
  if (consent.needsReconsent) return 'Agreed to an earlier notice';
  switch (consent.status) {
    case 'GRANTED':
      return 'Allowed';
    case 'WITHDRAWN':
      return 'Switched off';
    case 'EXPIRED':
      return 'Expired';
    default:
      return 'Declined';
  }
}
