'use client';
// The schedule trigger's form: a recurrence ("every N minutes/hours/days at HH:MM") or a 5-field
// cron expression, a time zone, and below them the schedule in words with its next three runs.
import { useMemo, useState } from 'react';
import type { FlowIssue } from '@/core/flow/issues';
import { SCHEDULE_UNITS } from '@/core/schedule/recurrence';
import { issuesUnder } from '../field-validation';
import { previewSchedule } from '../schedule-preview';
import { borderClass, inputClass, sizedInputClass } from '../styles';

interface ScheduleFieldProps {
  id: string;
  params: Record<string, unknown>;
  readOnly: boolean;
  nodeId: string;
  issues: FlowIssue[];
  onChange(next: Record<string, unknown>, group?: string): void;
}

const read = (params: Record<string, unknown>, key: string) => (Object.hasOwn(params, key) ? params[key] : undefined);

function zoneNames(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf ? ['UTC', ...intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')] : ['UTC'];
}

function Errors({ id, issues }: { id: string; issues: FlowIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-xs text-red-700">
      {issues.map((i) => (
        <li key={`${i.code}-${i.message}`}>{i.message}</li>
      ))}
    </ul>
  );
}

export function ScheduleField({ id, params, readOnly, nodeId, issues, onChange }: ScheduleFieldProps) {
  const mode = read(params, 'mode') === 'cron' ? 'cron' : 'interval';
  const every = read(params, 'every');
  const unit = typeof read(params, 'unit') === 'string' ? (read(params, 'unit') as string) : 'hours';
  const at = typeof read(params, 'at') === 'string' ? (read(params, 'at') as string) : '';
  const cron = typeof read(params, 'cron') === 'string' ? (read(params, 'cron') as string) : '';
  const timezone = typeof read(params, 'timezone') === 'string' ? (read(params, 'timezone') as string) : 'UTC';
  // The preview's clock: fixed while the widget is shown, refreshed on every edit.
  const [now, setNow] = useState(() => Date.now());
  const preview = useMemo(() => previewSchedule(params, new Date(now)), [params, now]);
  const zones = useMemo(zoneNames, []);
  const at_ = (key: string) => issuesUnder(issues, nodeId, [key]);

  const set = (patch: Record<string, unknown>, group?: string) => {
    const next = { ...params, ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
    setNow(Date.now());
    onChange(next, group);
  };

  const modeButton = (value: 'interval' | 'cron', label: string) => (
    <button
      type="button"
      role="radio"
      aria-checked={mode === value}
      disabled={readOnly}
      onClick={() => set({ mode: value })}
      className={`flex-1 rounded px-2 py-1 text-xs font-medium ${mode === value ? 'bg-white text-slate-900 shadow-xs ring-1 ring-slate-200' : 'text-slate-600 hover:text-slate-900'}`}
    >
      {label}
    </button>
  );

  return (
    <div className="space-y-3" id={id} data-testid="schedule-field">
      <div role="radiogroup" aria-label="Kind of schedule" className="flex gap-1 rounded-md bg-slate-100 p-0.5">
        {modeButton('interval', 'Recurrence')}
        {modeButton('cron', 'Cron expression')}
      </div>

      {mode === 'interval' ? (
        <div>
          <div className="flex items-center gap-2">
            <label htmlFor={`${id}-every`} className="text-sm text-slate-600">
              Every
            </label>
            <input
              id={`${id}-every`}
              type="number"
              min={1}
              max={1000}
              step={1}
              value={typeof every === 'number' ? String(every) : typeof every === 'string' ? every : '1'}
              readOnly={readOnly}
              aria-invalid={at_('every').length > 0 || undefined}
              aria-describedby={at_('every').length > 0 ? `${id}-every-err` : undefined}
              onChange={(e) => {
                const raw = e.target.value;
                set({ every: raw === '' ? undefined : Number.isFinite(Number(raw)) ? Number(raw) : raw }, 'params.every');
              }}
              className={`${sizedInputClass} ${borderClass(at_('every').length > 0)} w-24`}
            />
            <select
              aria-label="Unit"
              value={unit}
              disabled={readOnly}
              onChange={(e) => set({ unit: e.target.value, ...(e.target.value === 'days' ? {} : { at: undefined }) })}
              className={`${sizedInputClass} ${borderClass(at_('unit').length > 0)} w-32 pr-8`}
            >
              {SCHEDULE_UNITS.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          </div>
          <Errors id={`${id}-every-err`} issues={[...at_('every'), ...at_('unit')]} />
          {unit === 'days' && (
            <div className="mt-2 flex items-center gap-2">
              <label htmlFor={`${id}-at`} className="text-sm text-slate-600">
                at
              </label>
              <input
                id={`${id}-at`}
                type="time"
                value={at}
                readOnly={readOnly}
                aria-invalid={at_('at').length > 0 || undefined}
                onChange={(e) => set({ at: e.target.value === '' ? undefined : e.target.value }, 'params.at')}
                className={`${sizedInputClass} ${borderClass(at_('at').length > 0)} w-32`}
              />
              <span className="text-xs text-slate-500">default 00:00</span>
            </div>
          )}
          <Errors id={`${id}-at-err`} issues={at_('at')} />
        </div>
      ) : (
        <div>
          <label htmlFor={`${id}-cron`} className="mb-1 block text-sm text-slate-600">
            Cron expression
          </label>
          <input
            id={`${id}-cron`}
            value={cron}
            readOnly={readOnly}
            placeholder="30 9 * * 1-5"
            spellCheck={false}
            aria-invalid={at_('cron').length > 0 || undefined}
            aria-describedby={`${id}-cron-help`}
            onChange={(e) => set({ cron: e.target.value }, 'params.cron')}
            className={`${inputClass} ${borderClass(at_('cron').length > 0)} font-mono`}
          />
          <p id={`${id}-cron-help`} className="mt-1 text-xs text-slate-500">
            minute · hour · day of month · month · day of week
          </p>
          <Errors id={`${id}-cron-err`} issues={at_('cron')} />
        </div>
      )}

      <div>
        <label htmlFor={`${id}-tz`} className="mb-1 block text-sm text-slate-600">
          Time zone
        </label>
        <input
          id={`${id}-tz`}
          list={`${id}-tz-list`}
          value={timezone}
          readOnly={readOnly}
          aria-invalid={at_('timezone').length > 0 || undefined}
          onChange={(e) => set({ timezone: e.target.value }, 'params.timezone')}
          className={`${inputClass} ${borderClass(at_('timezone').length > 0)}`}
        />
        <datalist id={`${id}-tz-list`}>
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <Errors id={`${id}-tz-err`} issues={at_('timezone')} />
      </div>

      <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-xs" data-testid="schedule-preview" aria-live="polite">
        {preview.ok ? (
          <>
            <p className="font-medium text-slate-800" data-testid="schedule-summary">
              {preview.summary}
            </p>
            <p className="mt-1.5 text-slate-500">{preview.approximate ? 'Next runs, if switched on now:' : 'Next runs:'}</p>
            <ol className="mt-0.5 space-y-0.5 text-slate-700 tabular-nums" data-testid="schedule-next-runs">
              {preview.nextRuns.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ol>
          </>
        ) : (
          <p className="text-amber-800">{preview.error}</p>
        )}
      </div>
    </div>
  );
}
