/** An on/off switch: a button with role="switch", labelled by the visible text next to it. */
export function Switch(props: { id: string; checked: boolean; disabled?: boolean; label: string; describedBy?: string; onChange: (checked: boolean) => void }) {
  return (
    <button
      id={props.id}
      type="button"
      role="switch"
      className="switch"
      aria-checked={props.checked}
      aria-label={props.label}
      aria-describedby={props.describedBy}
      disabled={props.disabled}
      onClick={() => props.onChange(!props.checked)}
    >
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      <span className="switch-state">{props.checked ? 'On' : 'Off'}</span>
    </button>
  );
}
