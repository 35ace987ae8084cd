'use client';
// Connection picker: only connections of the kind the node type needs (a Defender step can
// never be pointed at the SMTP relay), with a clear way forward when there is none.
import type { ConnectionOption } from '../../types';
import { borderClass, inputClass } from '../styles';

/** Name and article per kind, for "Choose a Defender connection…" / "Choose an HTTP connection…". */
const KIND_NAME: Record<ConnectionOption['kind'], string> = { defender: 'Defender', smtp: 'SMTP', webhook: 'webhook', http: 'HTTP' };
const KIND_ARTICLE: Record<ConnectionOption['kind'], string> = { defender: 'a', smtp: 'an', webhook: 'a', http: 'an' };

interface ConnectionFieldProps {
  id: string;
  value: unknown;
  kind?: ConnectionOption['kind'];
  connections: ConnectionOption[];
  readOnly: boolean;
  invalid: boolean;
  required: boolean;
  describedBy?: string;
  onChange(next: string): void;
  onBlur(): void;
}

export function ConnectionField(props: ConnectionFieldProps) {
  const options = props.connections.filter((c) => props.kind === undefined || c.kind === props.kind);
  const current = typeof props.value === 'string' ? props.value : '';
  const kindName = props.kind !== undefined ? KIND_NAME[props.kind] : '';
  const article = props.kind !== undefined ? KIND_ARTICLE[props.kind] : 'a';
  const missing = current !== '' && !options.some((c) => c.id === current);
  const none = options.length === 0;
  return (
    <div className="space-y-1.5">
      <select
        id={props.id}
        value={current}
        disabled={props.readOnly || (none && !missing)}
        aria-invalid={props.invalid || missing || undefined}
        aria-required={props.required || undefined}
        aria-describedby={[props.describedBy, none ? `${props.id}-none` : ''].filter(Boolean).join(' ') || undefined}
        onBlur={props.onBlur}
        onChange={(e) => props.onChange(e.target.value)}
        className={`${inputClass} ${borderClass(props.invalid || missing)} pr-8`}
      >
        <option value="" disabled={props.required}>
          {none ? `No ${kindName} connections` : `Choose ${article} ${kindName} connection…`}
        </option>
        <ConnectionOptions options={options} current={current} missing={missing} />
      </select>
      {none && (
        <p id={`${props.id}-none`} className="rounded-md border border-amber-200 bg-amber-50 px-2.5 py-1.5 text-xs text-amber-800">
          No {kindName} connection — ask an admin to add one.
        </p>
      )}
    </div>
  );
}

/** The <option>s of a connection picker; a deleted connection's id stays visible as "Unknown" instead of being silently cleared. */
export function ConnectionOptions({ options, current, missing }: { options: ConnectionOption[]; current: string; missing: boolean }) {
  return (
    <>
      {missing && <option value={current}>Unknown connection (deleted?)</option>}
      {options.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
          {c.isDemo ? ' (demo)' : ''}
        </option>
      ))}
    </>
  );
}
