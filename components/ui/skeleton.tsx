// Placeholder while a list page streams in; same frame as the real page so nothing jumps.
import { Card, PageHeader } from './page-header';

export function ListSkeleton({ title, rows = 6 }: { title: string; rows?: number }) {
  return (
    <>
      <PageHeader title={title} />
      <Card>
        <div className="divide-y divide-slate-100" aria-busy="true" aria-label={`Loading ${title.toLowerCase()}`}>
          {Array.from({ length: rows }, (_, i) => (
            <div key={i} className="flex items-center gap-4 px-5 py-4">
              <div className="h-4 w-1/4 animate-pulse rounded bg-slate-200" />
              <div className="h-4 w-1/3 animate-pulse rounded bg-slate-100" />
              <div className="ml-auto h-4 w-16 animate-pulse rounded bg-slate-100" />
            </div>
          ))}
        </div>
      </Card>
    </>
  );
}
