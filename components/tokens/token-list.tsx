'use client';
// Your tokens: name, role, when created / last used / expiring, and whether they still work.
import { Badge } from '../ui/badge';
import { RelativeTime } from '../ui/time';
import { EmptyState } from '../ui/page-header';
import { formatUtc } from '../ui/format';
import { formatUntil } from './expiry';
import { KeyIcon } from './key-icon';
import { ROLE_LABEL, type TokenRow } from './types';

function Status({ token, now }: { token: TokenRow; now: number }) {
  if (token.revokedAt) return <Badge tone="slate">Revoked</Badge>;
  if (!token.active) return <Badge tone="red">Expired</Badge>;
  // Within a week of expiring: worth noticing before a script starts failing.
  if (token.expiresAt && Date.parse(token.expiresAt) - now < 7 * 24 * 60 * 60 * 1000) return <Badge tone="amber" dot>Expires soon</Badge>;
  return (
    <Badge tone="green" dot>
      Active
    </Badge>
  );
}

function Expires({ iso, now }: { iso: string | null; now: number }) {
  if (!iso) return <span className="text-slate-400">Never</span>;
  return (
    <time dateTime={iso} title={formatUtc(iso)} className="block whitespace-nowrap">
      {formatUtc(iso).slice(0, 10)}
      <span className="block text-xs text-slate-500">{formatUntil(iso, now)}</span>
    </time>
  );
}

export function TokenList({ tokens, now, onRevoke }: { tokens: TokenRow[]; now: number; onRevoke(token: TokenRow): void }) {
  if (tokens.length === 0) {
    return (
      <EmptyState icon={<KeyIcon />} title="No API tokens yet">
        Create one above for a script or another tool to call the Riposte REST API as you.
      </EmptyState>
    );
  }
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" data-testid="token-list">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
            <th className="px-5 py-2.5 font-medium">Name</th>
            <th className="px-3 py-2.5 font-medium">Role</th>
            <th className="px-3 py-2.5 font-medium">Created</th>
            <th className="px-3 py-2.5 font-medium">Last used</th>
            <th className="px-3 py-2.5 font-medium">Expires</th>
            <th className="px-3 py-2.5 font-medium">Status</th>
            <th className="px-5 py-2.5">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tokens.map((t) => (
            <tr key={t.id} data-testid="token-row" data-token-id={t.id} className={t.active ? '' : 'text-slate-500'}>
              <td className="px-5 py-3 font-medium text-slate-900">{t.name}</td>
              <td className="px-3 py-3">{ROLE_LABEL[t.role]}</td>
              <td className="px-3 py-3">
                <RelativeTime iso={t.createdAt} now={now} />
              </td>
              <td className="px-3 py-3" data-testid="token-last-used">
                {t.lastUsedAt ? <RelativeTime iso={t.lastUsedAt} now={now} /> : <span className="text-slate-400">Never</span>}
              </td>
              <td className="px-3 py-3" data-testid="token-expires">
                <Expires iso={t.expiresAt} now={now} />
              </td>
              <td className="px-3 py-3" data-testid="token-status">
                <Status token={t} now={now} />
              </td>
              <td className="px-5 py-3 text-right">
                {!t.revokedAt && (
                  <button type="button" onClick={() => onRevoke(t)} className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-red-700 shadow-xs hover:bg-red-50">
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
