// Audit log rows: when, who, what, to what, from where, and the details as JSON text. Every
// value is rendered as text (React escapes it); details are never interpreted as HTML.
import Link from 'next/link';
import { Badge } from '../ui/badge';
import { formatRelative, formatUtc, prettyJson } from '../ui/format';

export interface AuditRow {
  id: string;
  at: string;
  actorEmail: string;
  action: string;
  label: string;
  category: string | null;
  targetType: string;
  targetId: string | null;
  details: unknown;
  ip: string | null;
  userAgent: string | null;
}

type Tone = Parameters<typeof Badge>[0]['tone'];

const CATEGORY_TONES: Record<string, Tone> = {
  signin: 'blue',
  users: 'indigo',
  tokens: 'indigo',
  connections: 'orange',
  flows: 'green',
  runs: 'slate',
  approvals: 'amber',
  settings: 'orange',
  secrets: 'red',
  audit: 'slate',
};

function shortId(id: string): string {
  return /^[0-9a-f-]{36}$/.test(id) ? id.slice(0, 8) : id.length > 24 ? `${id.slice(0, 24)}…` : id;
}

function Target({ row, href }: { row: AuditRow; href?: string }) {
  const id = row.targetId;
  return (
    <span className="flex flex-col">
      <span className="text-xs text-slate-500">{row.targetType}</span>
      {id ? (
        href ? (
          <Link href={href} className="font-mono text-xs text-indigo-600 hover:text-indigo-500" title={id} data-testid="audit-target-link">
            {shortId(id)}
          </Link>
        ) : (
          <span className="font-mono text-xs text-slate-700" title={id}>
            {shortId(id)}
          </span>
        )
      ) : (
        <span className="text-xs text-slate-400">—</span>
      )}
    </span>
  );
}

/** One line of the details for the closed <summary>, cut to fit. */
function preview(details: unknown): string {
  const text = JSON.stringify(details) ?? '';
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function Details({ details }: { details: unknown }) {
  if (details === null || details === undefined) return <span className="text-xs text-slate-400">—</span>;
  return (
    <details className="group" data-testid="audit-details">
      <summary className="cursor-pointer list-none truncate font-mono text-xs text-slate-600 group-open:text-indigo-600 hover:text-indigo-600">
        <span className="mr-1 inline-block transition-transform group-open:rotate-90" aria-hidden="true">
          ▸
        </span>
        {preview(details)}
      </summary>
      <pre className="mt-2 max-h-72 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-[11px] leading-relaxed whitespace-pre-wrap wrap-anywhere text-slate-100">{prettyJson(details)}</pre>
    </details>
  );
}

export function AuditTable({ rows, links, now }: { rows: AuditRow[]; links: Record<string, string>; now: number }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="audit-table">
        <thead className="bg-slate-50/80 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-5 py-2.5">When</th>
            <th scope="col" className="px-5 py-2.5">Who</th>
            <th scope="col" className="px-5 py-2.5">Action</th>
            <th scope="col" className="px-5 py-2.5">Target</th>
            <th scope="col" className="px-5 py-2.5">From where</th>
            <th scope="col" className="px-5 py-2.5">Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} data-testid="audit-row" data-action={row.action} data-audit-id={row.id} className="align-top hover:bg-slate-50/60">
              <td className="px-5 py-3 whitespace-nowrap">
                <time dateTime={row.at} className="block text-slate-700">
                  {formatUtc(row.at)}
                </time>
                <span className="text-xs text-slate-500">{formatRelative(row.at, now)}</span>
              </td>
              <td className="max-w-56 px-5 py-3">
                {row.actorEmail === 'system' ? (
                  <span className="text-slate-400 italic" data-testid="audit-actor-cell">
                    system
                  </span>
                ) : (
                  <span className="block truncate text-slate-800" title={row.actorEmail} data-testid="audit-actor-cell">
                    {row.actorEmail}
                  </span>
                )}
              </td>
              <td className="px-5 py-3">
                <span className="flex flex-col items-start gap-1">
                  <Badge tone={(row.category && CATEGORY_TONES[row.category]) || 'slate'}>{row.label}</Badge>
                  <code className="text-[11px] text-slate-400">{row.action}</code>
                </span>
              </td>
              <td className="px-5 py-3">
                <Target row={row} href={row.targetId ? links[`${row.targetType}:${row.targetId}`] : undefined} />
              </td>
              <td className="max-w-44 px-5 py-3">
                {row.ip || row.userAgent ? (
                  <span className="flex flex-col">
                    <span className="font-mono text-xs text-slate-700" data-testid="audit-ip-cell">
                      {row.ip ?? '—'}
                    </span>
                    {row.userAgent && (
                      <span className="truncate text-xs text-slate-400" title={row.userAgent}>
                        {row.userAgent}
                      </span>
                    )}
                  </span>
                ) : (
                  <span className="text-xs text-slate-400">—</span>
                )}
              </td>
              {/* Takes what the other columns leave (max-w-0 + w-full): the one-line preview truncates
                  and the opened JSON wraps there, so the table never runs past the card. */}
              <td className="w-full max-w-0 px-5 py-3">
                <Details details={row.details} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
