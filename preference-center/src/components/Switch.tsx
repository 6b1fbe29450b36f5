import { useStrings } from '../i18n/locale.js';

/**
 * An on/off switch: a button with role="switch". While a change is being saved it says so and stays
 * focusable (aria-busy, clicks ignored) so keyboard users keep their place.
 */
export function Switch(props: {
  id: string;
  checked: boolean;
  busy?: boolean;
  label: string;
  describedBy?: string;
  onChange: (checked: boolean) => void;
}) {
  const t = useStrings();
  return (
    <button
      id={props.id}
      type="button"
      role="switch"
      className="switch"
      aria-checked={props.checked}
      aria-label={props.label}
      aria-describedby={props.describedBy}
      aria-busy={props.busy || undefined}
      onClick={() => {
        if (!props.busy) props.onChange(!props.checked);
      }}
    >
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      <span className="switch-state">{props.busy ? t.purpose.saving : props.checked ? t.purpose.on : t.purpose.off}</span>
    </button>
  );
}
