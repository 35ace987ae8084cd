'use client';
// The Run code step's inputs: one row per name → value. The value is usually one token picked
// with the usual token picker ({{ get_alert.severity }}); the code reads it as input.<name>,
// as data — tokens are never written into the code itself.
import { RUN_CODE_LIMITS } from '@/core/catalog/run-code-fields';
import { EditorIcon } from '../../icons';
import { borderClass, iconButtonClass, sizedInputClass, smallButtonClass } from '../styles';
import { TokenTextField, type TokenEnv } from './token-text-field';

export interface CodeInput {
  name: string;
  value: unknown;
}

interface CodeInputsFieldProps {
  id: string;
  value: unknown;
  env: TokenEnv;
  readOnly: boolean;
  invalid: boolean;
  describedBy?: string;
  onChange(next: CodeInput[], group?: string): void;
  onBlur(): void;
}

export function asCodeInputs(value: unknown): CodeInput[] {
  if (!Array.isArray(value)) return [];
  return value.map((v) => {
    const entry = v !== null && typeof v === 'object' ? (v as { name?: unknown; value?: unknown }) : {};
    return { name: typeof entry.name === 'string' ? entry.name : '', value: entry.value ?? '' };
  });
}

const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

export function CodeInputsField(props: CodeInputsFieldProps) {
  const inputs = asCodeInputs(props.value);
  const set = (next: CodeInput[], group?: string) => props.onChange(next, group);
  const update = (i: number, patch: Partial<CodeInput>, group: string) => set(inputs.map((x, j) => (j === i ? { ...x, ...patch } : x)), group);
  return (
    <div className="space-y-2" role="group" aria-describedby={props.describedBy} id={props.id}>
      {inputs.length === 0 && <p className="text-xs text-slate-500">No inputs yet: the code gets an empty input object.</p>}
      <ol className="space-y-2">
        {inputs.map((input, i) => (
          <li key={i} className="flex items-start gap-1.5" data-code-input={i}>
            <input
              type="text"
              value={input.name}
              readOnly={props.readOnly}
              placeholder="name"
              aria-label={`Input ${i + 1} name`}
              spellCheck={false}
              onChange={(e) => update(i, { name: e.target.value }, `params.inputs.${i}.name`)}
              onBlur={props.onBlur}
              className={`${sizedInputClass} ${borderClass(false)} w-28 shrink-0 font-mono text-xs`}
            />
            <div className="min-w-0 flex-1">
              <TokenTextField
                id={`${props.id}-value-${i}`}
                ariaLabel={`Input ${i + 1} value`}
                value={text(input.value)}
                env={props.env}
                readOnly={props.readOnly}
                placeholder="{{ get_alert.severity }}"
                onChange={(next) => update(i, { value: next }, `params.inputs.${i}.value`)}
                onBlur={props.onBlur}
              />
            </div>
            {!props.readOnly && (
              <button type="button" className={`${iconButtonClass} mt-1`} aria-label={`Remove input ${input.name.trim() || i + 1}`} title="Remove input" onClick={() => set(inputs.filter((_, j) => j !== i))}>
                <EditorIcon name="trash" className="h-3.5 w-3.5" />
              </button>
            )}
          </li>
        ))}
      </ol>
      {!props.readOnly && (
        <button type="button" className={smallButtonClass} disabled={inputs.length >= RUN_CODE_LIMITS.maxInputs} onClick={() => set([...inputs, { name: '', value: '' }])}>
          <EditorIcon name="plus" className="h-3 w-3" /> Add input
        </button>
      )}
    </div>
  );
}
