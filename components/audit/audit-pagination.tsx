// Newer / Newest / Older links for the keyset pages (cursors come from the service).
import Link from 'next/link';

const button = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 shadow-xs hover:bg-slate-50';

export function AuditPagination({ newerHref, newestHref, olderHref }: { newerHref: string | null; newestHref: string | null; olderHref: string | null }) {
  if (!newerHref && !olderHref) return null;
  return (
    <nav className="flex items-center justify-between gap-3 border-t border-slate-200 px-5 py-3 text-sm" aria-label="Pagination">
      <div className="flex items-center gap-4">
        {newerHref && (
          <Link href={newerHref} className={button} data-testid="audit-newer">
            ← Newer
          </Link>
        )}
        {newestHref && (
          <Link href={newestHref} className="font-medium text-indigo-600 hover:text-indigo-500" data-testid="audit-newest">
            Newest
          </Link>
        )}
      </div>
      {olderHref && (
        <Link href={olderHref} className={button} data-testid="audit-older">
          Older →
        </Link>
      )}
    </nav>
  );
}
