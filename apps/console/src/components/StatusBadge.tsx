import { humanize, statusMeta } from '../status';
import { StatusIcon } from './StatusIcon';

/** A status as icon + label (+ flags), with the colour only as a tint: never colour alone. */
export function StatusBadge(props: { status: string; flags?: string[]; large?: boolean }) {
  const meta = statusMeta(props.status);
  return (
    <span class="status-line">
      <span
        class={`status-badge${props.large ? ' status-badge--large' : ''}`}
        style={{ background: meta.tint, borderColor: meta.color }}
        data-status={props.status}
        title={meta.description}
      >
        <StatusIcon status={props.status} size={props.large ? 22 : 14} />
        <span class="status-label">{meta.label}</span>
      </span>
      {props.flags?.map((f) => (
        <span class="flag" key={f} data-flag={f}>
          {humanize(f)}
        </span>
      ))}
    </span>
  );
}
