// Run detail while it streams in: the same frame (summary cards, graph, timeline) so nothing jumps.
import { Card, PageHeader } from '@/components/ui/page-header';

const bar = (w: string, tone = 'bg-slate-200') => <div className={`h-4 ${w} animate-pulse rounded ${tone}`} />;

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading run">
      <PageHeader title={<span className="inline-block h-7 w-96 max-w-full animate-pulse rounded bg-slate-200" />} />
      <div className="mb-6 grid gap-6 lg:grid-cols-5">
        <Card className="space-y-4 p-5 lg:col-span-3">
          {bar('w-1/3')}
          {bar('w-2/3', 'bg-slate-100')}
          {bar('w-1/2', 'bg-slate-100')}
        </Card>
        <Card className="space-y-4 p-5 lg:col-span-2">
          {bar('w-1/4')}
          {bar('w-1/2', 'bg-slate-100')}
          {bar('w-1/3', 'bg-slate-100')}
        </Card>
      </div>
      <Card className="mb-6 h-[400px] animate-pulse bg-slate-50">
        <span className="sr-only">Loading the flow graph</span>
      </Card>
      <Card className="space-y-3 p-5">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="flex items-center gap-4">
            {bar('w-40')}
            <div className="h-3 flex-1 animate-pulse rounded bg-slate-100" />
          </div>
        ))}
      </Card>
    </div>
  );
}
