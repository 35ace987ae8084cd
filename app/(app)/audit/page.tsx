import type { Metadata } from 'next';
import Link from 'next/link';
import { listAuditEvents, auditTargetLinks, type AuditPage } from '@/server/services/audit-query';
import { AUDIT_CATEGORIES, AUDIT_TARGET_TYPES, auditActionOptions } from '@/server/services/audit-actions';
import { isServiceError } from '@/server/services/errors';
import { requirePage } from '../../_lib/auth';
import { Card, EmptyState, PageHeader } from '@/components/ui/page-header';
import { Icon } from '@/components/ui/icon';
import { AuditFilters, type AuditCatalogue } from '@/components/audit/audit-filters';
import { AuditTable } from '@/components/audit/audit-table';
import { AuditPagination } from '@/components/audit/audit-pagination';
import { ExportLink } from '@/components/audit/export-link';
import { auditExportHref, auditHref, auditServiceQuery, isAuditFiltered, readAuditParams, type AuditListParams } from '@/components/audit/audit-params';

export const metadata: Metadata = { title: 'Audit log' };

const PAGE_SIZE = 50;
const CATALOGUE: AuditCatalogue = { categories: AUDIT_CATEGORIES, actions: auditActionOptions(), targetTypes: AUDIT_TARGET_TYPES };

type SearchParams = Record<string, string | string[] | undefined>;

/** The service validates the filters (zod); a 400 becomes a message on the page, not an error page. */
async function load(params: AuditListParams): Promise<{ page: AuditPage; links: Record<string, string> } | { error: string }> {
  try {
    const page = await listAuditEvents({ ...auditServiceQuery(params), limit: PAGE_SIZE });
    return { page, links: await auditTargetLinks(page.items) };
  } catch (e) {
    if (isServiceError(e) && e.status === 400) return { error: e.message };
    throw e;
  }
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePage('audit:read');
  const params = readAuditParams(await searchParams);
  const result = await load(params);
  const filtered = isAuditFiltered(params);
  const clearHref = filtered ? '/audit' : null;
  const now = Date.now();

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what, when, to what and from where: sign-ins, users and roles, API tokens, connections, flows, manual run actions and approval decisions. Entries cannot be changed or deleted."
        actions={<ExportLink href={auditExportHref(params)} />}
      />
      <Card>
        {/* Keyed by the query, so "Clear filters" also resets the fields typed into. */}
        <AuditFilters key={auditHref(params)} params={params} catalogue={CATALOGUE} clearHref={clearHref} />
        {'error' in result ? (
          <div role="alert" className="flex flex-col items-center px-6 py-14 text-center" data-testid="audit-error">
            <div className="mb-3 flex h-10 w-10 items-center justify-center rounded-full bg-red-50 text-red-600">
              <Icon name="alert" className="h-5 w-5" />
            </div>
            <p className="text-sm font-semibold text-slate-900">These filters could not be applied</p>
            <p className="mt-1 max-w-md text-sm text-slate-500">{result.error}</p>
            <Link href="/audit" className="mt-3 text-sm font-medium text-indigo-600 hover:text-indigo-500">
              Clear filters
            </Link>
          </div>
        ) : result.page.items.length === 0 ? (
          <div data-testid="audit-empty">
            <EmptyState icon={<Icon name="shield-alert" className="h-5 w-5" />} title={params.cursor ? 'No more entries here' : filtered ? 'No entries match these filters' : 'No audit entries yet'}>
              {params.cursor ? (
                <Link href={auditHref(params)} className="font-medium text-indigo-600 hover:text-indigo-500">
                  Back to the newest entries
                </Link>
              ) : filtered ? (
                'Try a wider time range, another action, or clear the filters.'
              ) : (
                'Sign-ins and every change to users, connections and flows will be listed here.'
              )}
            </EmptyState>
          </div>
        ) : (
          <>
            <AuditTable rows={result.page.items} links={result.links} now={now} />
            <AuditPagination
              newerHref={result.page.prevCursor ? auditHref(params, { cursor: result.page.prevCursor, direction: 'newer' }) : null}
              newestHref={params.cursor ? auditHref(params) : null}
              olderHref={result.page.nextCursor ? auditHref(params, { cursor: result.page.nextCursor }) : null}
            />
          </>
        )}
      </Card>
    </>
  );
}
