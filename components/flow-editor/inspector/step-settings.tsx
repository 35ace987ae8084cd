'use client';
// An action's settings (as in Power Automate's action "Settings" and n8n's "Retry on fail"): the
// retry policy after a transient failure, and how long one try may take. Collapsed by default;
// its summary says what applies, so the defaults are visible without opening it.
import { useId, type JSX } from 'react';
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_SECONDS, describeRetry, RETRY_MODES, type RetryMode, type TStepSettings } from '@/core/flow/step-settings';
import { borderClass, inputClass } from './styles';

interface StepSettingsProps {
  nodeId: string;
  settings: TStepSettings | undefined;
  /** The step type's own default timeout (hunting queries get longer). */
  defaultTimeoutSeconds?: number;
  readOnly: boolean;
  /** null: back to the defaults (nothing stored). */
  onChange(settings: TStepSettings | null): void;
}

const MODE_LABEL: Record<RetryMode, string> = {
  default: 'Default (4 retries, exponential)',
  none: 'None: fail at once',
  fixed: 'Fixed interval',
  exponential: 'Exponential interval',
};

/**
 * A number field's value within the schema's bounds (so the draft always parses), or undefined
 * when emptied or not a number.
 */
const num = (raw: string, min: number, max: number): number | undefined => {
  if (raw.trim() === '' || Number.isNaN(Number(raw))) return undefined;
  return Math.min(max, Math.max(min, Math.round(Number(raw))));
};

export function StepSettings({ nodeId, settings, defaultTimeoutSeconds = DEFAULT_TIMEOUT_SECONDS, readOnly, onChange }: StepSettingsProps): JSX.Element {
  const base = useId();
  const mode: RetryMode = settings?.retry?.mode ?? 'default';
  const custom = mode === 'fixed' || mode === 'exponential';

  function update(next: TStepSettings): void {
    const clean: TStepSettings = {};
    if (next.retry && next.retry.mode !== 'default') clean.retry = next.retry;
    if (next.timeoutSeconds !== undefined) clean.timeoutSeconds = next.timeoutSeconds;
    onChange(Object.keys(clean).length === 0 ? null : clean);
  }
  const setRetry = (patch: Partial<NonNullable<TStepSettings['retry']>>) =>
    update({ ...settings, retry: { mode, ...settings?.retry, ...patch } });

  const timeout = settings?.timeoutSeconds;
  return (
    <details className="rounded-md border border-slate-200" data-testid="step-settings">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700 select-none">
        Settings
        <span className="ml-2 text-xs font-normal text-slate-500">
          {describeRetry(settings)} · time out after {timeout ?? defaultTimeoutSeconds} s
        </span>
      </summary>
      <div className="space-y-3 border-t border-slate-200 px-3 py-3">
        <div className="space-y-1">
          <label htmlFor={`${base}-mode`} className="block text-xs font-medium text-slate-600">
            Retry policy
          </label>
          <select
            id={`${base}-mode`}
            value={mode}
            disabled={readOnly}
            onChange={(e) => setRetry({ mode: e.target.value as RetryMode })}
            className={`${inputClass} ${borderClass(false)}`}
          >
            {RETRY_MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_LABEL[m]}
              </option>
            ))}
          </select>
          <p className="text-xs text-slate-500">
            Only transient failures are retried (network, timeouts, 5xx, throttling); a Retry-After from Defender is always honoured and does not count as a retry.
          </p>
        </div>
        {custom && (
          <div className="grid grid-cols-2 gap-2">
            <div className="space-y-1">
              <label htmlFor={`${base}-count`} className="block text-xs font-medium text-slate-600">
                Retries
              </label>
              <input
                id={`${base}-count`}
                type="number"
                min={0}
                max={20}
                readOnly={readOnly}
                value={settings?.retry?.count ?? DEFAULT_RETRY.count}
                onChange={(e) => setRetry({ count: num(e.target.value, 0, 20) })}
                className={`${inputClass} ${borderClass(false)}`}
              />
            </div>
            <div className="space-y-1">
              <label htmlFor={`${base}-interval`} className="block text-xs font-medium text-slate-600">
                {mode === 'fixed' ? 'Every (seconds)' : 'First wait (seconds)'}
              </label>
              <input
                id={`${base}-interval`}
                type="number"
                min={1}
                max={3600}
                readOnly={readOnly}
                value={settings?.retry?.intervalSeconds ?? DEFAULT_RETRY.intervalSeconds}
                onChange={(e) => setRetry({ intervalSeconds: num(e.target.value, 1, 3600) })}
                className={`${inputClass} ${borderClass(false)}`}
              />
            </div>
          </div>
        )}
        <div className="space-y-1">
          <label htmlFor={`${base}-timeout`} className="block text-xs font-medium text-slate-600">
            Time out after (seconds)
          </label>
          <input
            id={`${base}-timeout`}
            type="number"
            min={1}
            max={3600}
            readOnly={readOnly}
            placeholder={String(defaultTimeoutSeconds)}
            value={timeout ?? ''}
            onChange={(e) => update({ ...settings, timeoutSeconds: num(e.target.value, 1, 3600) })}
            className={`${inputClass} ${borderClass(false)}`}
            data-node-id={nodeId}
          />
        </div>
      </div>
    </details>
  );
}

/** The trigger's settings: the flow's run timeout and how many of its runs may execute at once. */
export function TriggerSettings({ settings, readOnly, onChange }: Omit<StepSettingsProps, 'nodeId' | 'defaultTimeoutSeconds'>): JSX.Element {
  const base = useId();
  const update = (patch: Partial<TStepSettings>) => {
    const next: TStepSettings = { ...settings, ...patch };
    const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as TStepSettings;
    onChange(Object.keys(clean).length === 0 ? null : clean);
  };
  const timeout = settings?.runTimeoutMinutes;
  const concurrency = settings?.concurrency;
  return (
    <details className="rounded-md border border-slate-200" data-testid="trigger-settings">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700 select-none">
        Run settings
        <span className="ml-2 text-xs font-normal text-slate-500">
          {concurrency === undefined ? 'no limit on parallel runs' : `at most ${concurrency} at once`} · time limit{' '}
          {timeout === undefined ? '7 days' : `${timeout} min`}
        </span>
      </summary>
      <div className="space-y-3 border-t border-slate-200 px-3 py-3">
        <div className="space-y-1">
          <label htmlFor={`${base}-concurrency`} className="block text-xs font-medium text-slate-600">
            Runs at once (concurrency limit)
          </label>
          <input
            id={`${base}-concurrency`}
            type="number"
            min={1}
            max={100}
            readOnly={readOnly}
            placeholder="No limit"
            value={concurrency ?? ''}
            onChange={(e) => update({ concurrency: num(e.target.value, 1, 100) })}
            className={`${inputClass} ${borderClass(false)}`}
          />
          <p className="text-xs text-slate-500">Runs beyond the limit wait until one finishes (e.g. 1 to handle alerts one by one).</p>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${base}-run-timeout`} className="block text-xs font-medium text-slate-600">
            Run time limit (minutes)
          </label>
          <input
            id={`${base}-run-timeout`}
            type="number"
            min={1}
            max={43_200}
            readOnly={readOnly}
            placeholder="10080 (7 days)"
            value={timeout ?? ''}
            onChange={(e) => update({ runTimeoutMinutes: num(e.target.value, 1, 43_200) })}
            className={`${inputClass} ${borderClass(false)}`}
          />
          <p className="text-xs text-slate-500">Waits (approvals, delays) count; past the limit the run ends as timed out.</p>
        </div>
      </div>
    </details>
  );
}
