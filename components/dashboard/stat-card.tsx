// One headline figure: a label, the number, and a line of context underneath.
import type { ReactNode } from 'react';

export function StatCard({ label, value, detail, testId, href }: { label: string; value: ReactNode; detail?: ReactNode; testId: string; href?: string }) {
  const body = (
    <>
      <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</p>
      <p className="mt-2 text-2xl font-semibold tracking-tight text-slate-900 tabular-nums" data-testid={`${testId}-value`}>
        {value}
      </p>
      {detail && <div className="mt-1 text-xs text-slate-500">{detail}</div>}
    </>
  );
  const cls = 'block rounded-xl border border-slate-200 bg-white px-5 py-4 shadow-xs';
  return href ? (
    <a href={href} className={`${cls} hover:border-indigo-300 hover:shadow-sm`} data-testid={testId}>
      {body}
    </a>
  ) : (
    <div className={cls} data-testid={testId}>
      {body}
    </div>
  );
}
