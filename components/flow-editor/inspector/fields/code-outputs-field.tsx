'use client';
// The fields the Run code step's result has, so later steps get typed tokens
// ({{ run_code.result.score }}). Declared here, or taken once from the latest run's result.
import { CODE_OUTPUT_TYPES, inferOutputFields, type TCodeOutputField } from '@/core/catalog/run-code-fields';
import { EditorIcon } from '../../icons';
import { borderClass, iconButtonClass, inputClass, sizedInputClass, smallButtonClass } from '../styles';

type OutputType = TCodeOutputField['type'];

interface CodeOutputsFieldProps {
  id: string;
  value: unknown;
  /** The step's output in the latest run, if any. */
  sample?: unknown;
  readOnly: boolean;
  invalid: boolean;
  describedBy?: string;
  onChange(next: TCodeOutputField[] | undefined, group?: string): void;
  onBlur(): void;
}

export function asOutputFields(value: unknown): TCodeOutputField[] {
  if (!Array.isArray(value)) return [];
  return value.map((v) => {
    const entry = v !== null && typeof v === 'object' ? (v as { name?: unknown; type?: unknown }) : {};
    const type = CODE_OUTPUT_TYPES.find((t) => t === entry.type) ?? 'any';
    return { name: typeof entry.name === 'string' ? entry.name : '', type };
  });
}

function sampleFields(sample: unknown): TCodeOutputField[] {
  const result = sample !== null && typeof sample === 'object' && Object.hasOwn(sample, 'result') ? (sample as { result: unknown }).result : undefined;
  return inferOutputFields(result);
}

export function CodeOutputsField(props: CodeOutputsFieldProps) {
  const fields = asOutputFields(props.value);
  const fromRun = sampleFields(props.sample);
  // Clearing the last field returns to "taken from the latest run".
  const set = (next: TCodeOutputField[], group?: string) => props.onChange(next.length === 0 ? undefined : next, group);
  const update = (i: number, patch: Partial<TCodeOutputField>, group?: string) => set(fields.map((x, j) => (j === i ? { ...x, ...patch } : x)), group);
  return (
    <div className="space-y-2" role="group" aria-describedby={props.describedBy} id={props.id}>
      {fields.length === 0 && (
        <p className="text-xs text-slate-500">
          {fromRun.length > 0 ? `From the latest run: ${fromRun.map((f) => f.name).join(', ')}.` : 'None declared: result.<field> tokens are untyped until the step has run.'}
        </p>
      )}
      <ol className="space-y-1.5">
        {fields.map((field, i) => (
          <li key={i} className="flex items-center gap-1.5">
            <input
              type="text"
              value={field.name}
              readOnly={props.readOnly}
              placeholder="score"
              aria-label={`Result field ${i + 1} name`}
              spellCheck={false}
              onChange={(e) => update(i, { name: e.target.value }, `params.outputFields.${i}.name`)}
              onBlur={props.onBlur}
              className={`${inputClass} ${borderClass(false)} min-w-0 flex-1 font-mono text-xs`}
            />
            <select
              value={field.type}
              disabled={props.readOnly}
              aria-label={`Result field ${i + 1} type`}
              onChange={(e) => update(i, { type: e.target.value as OutputType })}
              className={`${sizedInputClass} ${borderClass(false)} w-28 shrink-0 text-xs`}
            >
              {CODE_OUTPUT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
            {!props.readOnly && (
              <button type="button" className={iconButtonClass} aria-label={`Remove result field ${field.name.trim() || i + 1}`} title="Remove field" onClick={() => set(fields.filter((_, j) => j !== i))}>
                <EditorIcon name="trash" className="h-3.5 w-3.5" />
              </button>
            )}
          </li>
        ))}
      </ol>
      {!props.readOnly && (
        <div className="flex flex-wrap gap-1">
          <button type="button" className={smallButtonClass} onClick={() => set([...fields, { name: '', type: 'string' }])}>
            <EditorIcon name="plus" className="h-3 w-3" /> Add field
          </button>
          {fields.length === 0 && fromRun.length > 0 && (
            <button type="button" className={smallButtonClass} onClick={() => set(fromRun)}>
              Keep the fields of the latest run
            </button>
          )}
        </div>
      )}
    </div>
  );
}
