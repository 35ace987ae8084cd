'use client';
/**
 * A hunting step's result columns: "Get columns" runs the query once (through the page's server
 * action) and stores name + type in the step's `columns` param; without stored columns, those
 * of the latest run are shown (and offered as tokens) until the user fetches them. Column names
 * come from Defender and are rendered as text only.
 */
import { useState } from 'react';
import { columnFieldType, huntingColumns, isTokenColumn, type HuntingColumn } from '@/core/catalog/hunting-columns';
import type { OutputFieldType } from '@/core/catalog/types';
import type { HuntingColumnsResult } from '../../types';
import { smallButtonClass } from '../styles';

export type GetColumns = (params: { connectionId: string; query: string; api: 'graph' | 'mde'; timespan?: string }) => Promise<HuntingColumnsResult>;

interface ColumnsFieldProps {
  id: string;
  params: Record<string, unknown>;
  /** This step's output in the latest run, if any. */
  sample: unknown;
  readOnly: boolean;
  getColumns?: GetColumns;
  describedBy?: string;
  onChange(next: HuntingColumn[] | undefined): void;
}

const TYPE_TEXT: Record<OutputFieldType, string> = {
  string: 'text', number: 'number', boolean: 'yes/no', datetime: 'date', object: 'object', array: 'list', any: 'any',
};

const TYPE_CLASS: Record<OutputFieldType, string> = {
  string: 'bg-sky-50 text-sky-700 ring-sky-200',
  number: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  boolean: 'bg-violet-50 text-violet-700 ring-violet-200',
  datetime: 'bg-amber-50 text-amber-700 ring-amber-200',
  object: 'bg-slate-50 text-slate-600 ring-slate-200',
  array: 'bg-slate-50 text-slate-600 ring-slate-200',
  any: 'bg-slate-50 text-slate-600 ring-slate-200',
};

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function ColumnsField({ id, params, sample, readOnly, getColumns, describedBy, onChange }: ColumnsFieldProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const known = huntingColumns(params, sample);
  const stored = known?.source === 'stored';
  const canFetch = !readOnly && getColumns !== undefined;

  async function fetchColumns() {
    if (getColumns === undefined) return;
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const result = await getColumns({
        connectionId: text(params.connectionId),
        query: text(params.query),
        api: params.api === 'mde' ? 'mde' : 'graph',
        ...(text(params.timespan).trim() !== '' ? { timespan: text(params.timespan) } : {}),
      });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      if (result.columns.length === 0) {
        setError('The query returned no columns.');
        return;
      }
      onChange(result.columns);
      const rows = result.rowCount === 0 ? 'no rows (the columns are still known)' : `${result.rowCount} sample row${result.rowCount === 1 ? '' : 's'}`;
      setNote(`Ran the query once through ${result.api === 'mde' ? 'the MDE API' : 'Graph'}: ${rows}${result.usedRunValues ? ', with token values from the latest run' : ''}.`);
    } catch {
      setError('The columns could not be fetched. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  const status = known === undefined
    ? 'No columns yet: get them so later steps can use each column as a token, e.g. in a For each over the results.'
    : stored
      ? `${known.columns.length} column${known.columns.length === 1 ? '' : 's'}, saved with the step.`
      : `${known.columns.length} column${known.columns.length === 1 ? '' : 's'} seen in the latest run. Get columns to save them with the step.`;

  return (
    <div id={id} className="rounded-lg border border-slate-200 bg-slate-50/60" data-widget="columns" aria-describedby={describedBy}>
      <div className="flex items-start justify-between gap-2 px-3 py-2">
        <p className="text-xs text-slate-600" data-testid="columns-status">{status}</p>
        {canFetch && (
          <button type="button" className={`${smallButtonClass} shrink-0 bg-white ring-1 ring-indigo-200`} disabled={busy} onClick={() => void fetchColumns()} aria-busy={busy}>
            {busy ? 'Running query…' : stored ? 'Refresh' : 'Get columns'}
          </button>
        )}
      </div>
      {error !== null && (
        <p role="alert" className="mx-3 mb-2 rounded-md border border-red-200 bg-red-50 px-2.5 py-1.5 text-xs text-red-800" data-testid="columns-error">
          {error}
        </p>
      )}
      {note !== null && error === null && (
        <p role="status" className="mx-3 mb-2 text-xs text-emerald-700">
          {note}
        </p>
      )}
      {known !== undefined && (
        <ul aria-label="Result columns" className="max-h-56 divide-y divide-slate-100 overflow-y-auto border-t border-slate-200 bg-white text-xs">
          {known.columns.map((c) => {
            const type = columnFieldType(c.type);
            const usable = isTokenColumn(c.name);
            return (
              <li key={c.name} className="flex items-center justify-between gap-2 px-3 py-1.5" title={usable ? undefined : 'This name cannot be written as a token; rename it in the query with project-rename.'}>
                <span className={`truncate font-mono ${usable ? 'text-slate-800' : 'text-slate-400 line-through'}`}>{c.name}</span>
                <span className="flex shrink-0 items-center gap-1.5">
                  <span className="font-mono text-[10px] text-slate-400">{c.type}</span>
                  <span className={`rounded px-1.5 py-px text-[10px] font-medium ring-1 ${TYPE_CLASS[type]}`}>{TYPE_TEXT[type]}</span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {stored && !readOnly && (
        <div className="border-t border-slate-200 px-3 py-1.5 text-right">
          <button type="button" className={`${smallButtonClass} text-slate-500`} onClick={() => { setNote(null); onChange(undefined); }}>
            Forget columns
          </button>
        </div>
      )}
    </div>
  );
}
