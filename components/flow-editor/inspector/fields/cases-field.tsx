'use client';
// The switch's cases: one row per case (each becomes a handle on the canvas), add and remove,
// at most 25. Cases are plain text — they name handles, so they cannot be tokens.
import { iconButtonClass, inputClass, borderClass, smallButtonClass } from '../styles';
import { EditorIcon } from '../../icons';

const MAX_CASES = 25;

interface CasesFieldProps {
  id: string;
  value: unknown;
  readOnly: boolean;
  invalid: boolean;
  describedBy?: string;
  onChange(next: string[], group?: string): void;
  onBlur(): void;
}

export function asCases(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : String(v ?? ''))) : [];
}

export function CasesField(props: CasesFieldProps) {
  const cases = asCases(props.value);
  const seen = new Map<string, number>();
  for (const c of cases) seen.set(c.trim(), (seen.get(c.trim()) ?? 0) + 1);
  const set = (next: string[], group?: string) => props.onChange(next, group);
  return (
    <div className="space-y-1.5" role="group" aria-describedby={props.describedBy} id={props.id}>
      {cases.length === 0 && <p className="text-xs text-slate-500">No cases yet: every value takes "default".</p>}
      <ol className="space-y-1.5">
        {cases.map((c, i) => {
          const duplicate = c.trim() !== '' && (seen.get(c.trim()) ?? 0) > 1;
          const bad = duplicate || c.trim() === '';
          return (
            <li key={i} className="flex items-center gap-1.5">
              <input
                type="text"
                value={c}
                readOnly={props.readOnly}
                aria-label={`Case ${i + 1}`}
                aria-invalid={bad || undefined}
                title={duplicate ? 'Another case has the same value' : undefined}
                onChange={(e) => set(cases.map((x, j) => (j === i ? e.target.value : x)), `params.cases.${i}`)}
                onBlur={props.onBlur}
                className={`${inputClass} ${borderClass(bad && props.invalid)}`}
              />
              {!props.readOnly && (
                <button type="button" className={iconButtonClass} aria-label={`Remove case ${c.trim() || i + 1}`} title="Remove case" onClick={() => set(cases.filter((_, j) => j !== i))}>
                  <EditorIcon name="trash" className="h-3.5 w-3.5" />
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {!props.readOnly && (
        <button type="button" className={smallButtonClass} disabled={cases.length >= MAX_CASES} onClick={() => set([...cases, ''])}>
          <EditorIcon name="plus" className="h-3 w-3" /> Add case
        </button>
      )}
    </div>
  );
}
