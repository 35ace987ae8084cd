// Same frame as the dashboard (header, four figures, the chart, two panels) so nothing jumps.
import { Card, PageHeader } from '@/components/ui/page-header';

const bar = 'animate-pulse rounded bg-slate-200';

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading the dashboard">
      <PageHeader title="Dashboard" />
      <div className="mb-6 grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="rounded-xl border border-slate-200 bg-white px-5 py-4 shadow-xs">
            <div className={`h-3 w-24 ${bar}`} />
            <div className={`mt-3 h-7 w-16 ${bar}`} />
            <div className="mt-2 h-3 w-36 animate-pulse rounded bg-slate-100" />
          </div>
        ))}
      </div>
      <Card className="mb-6">
        <div className="border-b border-slate-200 px-5 py-3">
          <div className={`h-4 w-32 ${bar}`} />
        </div>
        <div className="flex h-72 items-end gap-2 px-8 py-6">
          {[40, 65, 30, 80, 55, 70, 45, 90, 60, 35, 75, 50, 85, 40].map((h, i) => (
            <div key={i} className="flex-1 animate-pulse rounded-t bg-slate-100" style={{ height: `${h}%` }} />
          ))}
        </div>
      </Card>
      <div className="grid gap-6 xl:grid-cols-5">
        {['xl:col-span-3', 'xl:col-span-2'].map((span) => (
          <Card key={span} className={span}>
            <div className="border-b border-slate-200 px-5 py-3">
              <div className={`h-4 w-28 ${bar}`} />
            </div>
            <div className="divide-y divide-slate-100">
              {[0, 1, 2].map((i) => (
                <div key={i} className="flex items-center gap-4 px-5 py-4">
                  <div className={`h-4 w-1/3 ${bar}`} />
                  <div className="ml-auto h-4 w-16 animate-pulse rounded bg-slate-100" />
                </div>
              ))}
            </div>
          </Card>
        ))}
      </div>
    </div>
  );
}
