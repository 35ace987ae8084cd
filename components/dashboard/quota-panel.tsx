// Defender API quota per tenant: for each API family, the calls Riposte's shared limiter granted
// in the current minute and hour against the limit, as bars that turn amber then red.
import { formatUtc } from '../ui/format';
import { usedPercent } from './format';

/** The shape of server/services/defender-quota.ts TenantQuota. */
export interface QuotaTenant {
  tenantId: string;
  connections: { id: string; name: string; isDemo: boolean }[];
  families: { family: string; minute: { used: number; limit: number }; hour: { used: number; limit: number }; heldUntil: string | null }[];
}

const FAMILY_NAMES: Record<string, string> = {
  alerts: 'Alerts',
  alertCreate: 'Create alert',
  machines: 'Machines & actions',
  packageUri: 'Investigation package',
  indicators: 'Indicators',
  hunting: 'Advanced hunting',
  default: 'Other APIs',
};

function Meter({ used, limit, label }: { used: number; limit: number; label: string }) {
  const pct = usedPercent(used, limit);
  const tone = pct >= 90 ? 'bg-red-500' : pct >= 70 ? 'bg-amber-500' : 'bg-indigo-500';
  return (
    <div className="min-w-36">
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <span className="font-medium text-slate-700 tabular-nums">
          {used.toLocaleString('en-US')} / {limit.toLocaleString('en-US')}
        </span>
        <span className="text-slate-400 tabular-nums">{pct}%</span>
      </div>
      <div className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-100" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={limit} aria-valuenow={used}>
        <div className={`h-full rounded-full ${tone}`} style={{ width: `${Math.max(pct, used > 0 ? 2 : 0)}%` }} />
      </div>
    </div>
  );
}

export function QuotaPanel({ tenants }: { tenants: QuotaTenant[] }) {
  return (
    <div className="divide-y divide-slate-200">
      {tenants.map((t) => (
        <div key={t.tenantId} data-testid="quota-tenant" data-tenant-id={t.tenantId}>
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 bg-slate-50/60 px-5 py-2.5">
            <p className="text-sm font-medium text-slate-900">{t.connections.map((c) => `${c.name}${c.isDemo ? ' (demo)' : ''}`).join(', ')}</p>
            <p className="font-mono text-xs text-slate-500">tenant {t.tenantId}</p>
          </div>
          <table className="min-w-full text-sm">
            <thead className="text-left text-xs font-medium text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2 font-medium">API</th>
                <th scope="col" className="px-5 py-2 font-medium">This minute</th>
                <th scope="col" className="px-5 py-2 font-medium">This hour</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {t.families.map((f) => {
                const name = FAMILY_NAMES[f.family] ?? f.family;
                return (
                  <tr key={f.family} data-testid="quota-family" data-family={f.family} className={f.minute.used === 0 && f.hour.used === 0 && !f.heldUntil ? 'text-slate-400' : ''}>
                    <td className="px-5 py-2.5 whitespace-nowrap text-slate-700">
                      {name}
                      {f.heldUntil && (
                        <span className="ml-2 rounded bg-red-50 px-1.5 py-0.5 text-[11px] font-medium text-red-700 ring-1 ring-red-600/20 ring-inset" title={`Defender answered 429; no calls until ${formatUtc(f.heldUntil)}`}>
                          Throttled
                        </span>
                      )}
                    </td>
                    <td className="px-5 py-2.5">
                      <Meter used={f.minute.used} limit={f.minute.limit} label={`${name}: calls this minute`} />
                    </td>
                    <td className="px-5 py-2.5">
                      <Meter used={f.hour.used} limit={f.hour.limit} label={`${name}: calls this hour`} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
