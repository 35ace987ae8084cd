// One card of the System page: a title, what the figures mean, and the figures, or a readable
// empty or error state. Each section fails on its own (Redis down still shows the database's).
import type { ReactNode } from 'react';
import { Card } from '../ui/page-header';
import { Icon } from '../ui/icon';
import type { SectionView } from './types';

interface SystemSectionProps<T> {
  id: string;
  title: string;
  description?: ReactNode;
  /** The Prometheus metric(s) these figures are, for operators who alert on them. */
  metrics?: string[];
  section: SectionView<T[]>;
  empty: { icon: string; title: string; hint?: ReactNode };
  children: (rows: T[]) => ReactNode;
}

export function SystemSection<T>({ id, title, description, metrics, section, empty, children }: SystemSectionProps<T>) {
  return (
    <Card className="overflow-hidden">
      <div className="border-b border-slate-200 px-5 py-3.5" data-testid={`system-${id}-header`}>
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h2 className="text-sm font-semibold text-slate-900" id={`system-${id}`}>
            {title}
          </h2>
          {metrics && metrics.length > 0 && (
            <p className="flex flex-wrap gap-1.5">
              {metrics.map((m) => (
                <code key={m} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-600">
                  {m}
                </code>
              ))}
            </p>
          )}
        </div>
        {description && <div className="mt-1 max-w-3xl text-xs text-slate-500">{description}</div>}
      </div>
      <div aria-labelledby={`system-${id}`} data-testid={`system-${id}`} data-state={!section.ok ? 'error' : section.data.length === 0 ? 'empty' : 'ok'}>
        {!section.ok ? (
          <div role="alert" className="flex flex-col items-center px-6 py-10 text-center" data-testid={`system-${id}-error`}>
            <div className="mb-3 flex h-10 w-10 items-center justify-center rounded-full bg-red-50 text-red-600">
              <Icon name="alert" className="h-5 w-5" />
            </div>
            <p className="text-sm font-semibold text-slate-900">These figures could not be read</p>
            <p className="mt-1 max-w-md text-sm text-slate-500">
              {section.error}. Reload the page to try again; if it keeps failing, check the server logs.
            </p>
          </div>
        ) : section.data.length === 0 ? (
          // Compact: six sections on one page; a full-height empty state each would bury the rest.
          <div className="flex items-center gap-3 px-5 py-5" data-testid={`system-${id}-empty`}>
            <div className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-500">
              <Icon name={empty.icon} className="h-4 w-4" />
            </div>
            <div>
              <p className="text-sm font-semibold text-slate-900">{empty.title}</p>
              {empty.hint && <div className="text-sm text-slate-500">{empty.hint}</div>}
            </div>
          </div>
        ) : (
          children(section.data)
        )}
      </div>
    </Card>
  );
}

/** The tables' shared header and cell styles, so every section lines up the same way. */
export function Th({ children, numeric = false }: { children: ReactNode; numeric?: boolean }) {
  return (
    <th scope="col" className={`px-5 py-2.5 whitespace-nowrap ${numeric ? 'text-right' : ''}`}>
      {children}
    </th>
  );
}

export function Td({ children, numeric = false, className = '' }: { children: ReactNode; numeric?: boolean; className?: string }) {
  return <td className={`px-5 py-2.5 ${numeric ? 'text-right tabular-nums' : ''} ${className}`}>{children}</td>;
}

export function SystemTable({ head, children, testId }: { head: ReactNode; children: ReactNode; testId: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid={testId}>
        <thead className="bg-slate-50/80 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100 text-slate-700">{children}</tbody>
      </table>
    </div>
  );
}
