'use client';
// The widgets without tokens: number, enum select, boolean switch.
import { borderClass, inputClass } from '../styles';

interface BaseProps {
  id: string;
  readOnly: boolean;
  invalid: boolean;
  required: boolean;
  describedBy?: string;
}

export function NumberField(props: BaseProps & { value: unknown; onChange(next: number | string | undefined): void; onBlur(): void }) {
  const text = typeof props.value === 'number' ? String(props.value) : typeof props.value === 'string' ? props.value : '';
  return (
    <input
      id={props.id}
      type="number"
      inputMode="decimal"
      value={text}
      readOnly={props.readOnly}
      aria-invalid={props.invalid || undefined}
      aria-required={props.required || undefined}
      aria-describedby={props.describedBy}
      onBlur={props.onBlur}
      onChange={(e) => {
        const raw = e.target.value;
        // Keep unparsable text so the user sees (and fixes) it rather than losing it.
        props.onChange(raw === '' ? undefined : Number.isFinite(Number(raw)) ? Number(raw) : raw);
      }}
      className={`${inputClass} ${borderClass(props.invalid)}`}
    />
  );
}

export function EnumField(
  props: BaseProps & { value: unknown; options: string[]; defaultValue?: unknown; onChange(next: string): void; onBlur(): void },
) {
  const current = typeof props.value === 'string' ? props.value : typeof props.defaultValue === 'string' ? props.defaultValue : '';
  // A value the schema does not know (an old draft, a hand-edited import) is shown, not dropped.
  const unknown = current !== '' && !props.options.includes(current);
  return (
    <select
      id={props.id}
      value={current}
      disabled={props.readOnly}
      aria-invalid={props.invalid || unknown || undefined}
      aria-required={props.required || undefined}
      aria-describedby={props.describedBy}
      onBlur={props.onBlur}
      onChange={(e) => props.onChange(e.target.value)}
      className={`${inputClass} ${borderClass(props.invalid || unknown)} pr-8`}
    >
      {current === '' && <option value="">Choose…</option>}
      {unknown && <option value={current}>{current} (not a valid choice)</option>}
      {props.options.map((o) => (
        <option key={o} value={o}>
          {o}
          {o === props.defaultValue ? ' (default)' : ''}
        </option>
      ))}
    </select>
  );
}

export function BooleanField(props: BaseProps & { value: unknown; defaultValue?: unknown; onChange(next: boolean): void }) {
  const on = typeof props.value === 'boolean' ? props.value : props.defaultValue === true;
  return (
    <button
      id={props.id}
      type="button"
      role="switch"
      aria-checked={on}
      aria-describedby={props.describedBy}
      disabled={props.readOnly}
      onClick={() => props.onChange(!on)}
      className={`relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60 ${
        on ? 'bg-indigo-600' : 'bg-slate-300'
      }`}
    >
      <span className={`inline-block h-4 w-4 rounded-full bg-white shadow transition-transform ${on ? 'translate-x-4.5' : 'translate-x-0.5'}`} />
    </button>
  );
}
