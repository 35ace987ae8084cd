// What the connection's token may do next to what its flows need. Missing permissions are red,
// with the fix; roles come from the last "Test connection" (the token itself never leaves the server).
import { permissionGranted } from '@/core/defender/permissions';
import { grantAdvice } from '@/core/defender/permissions';
import type { ConnectionView } from './types';

export function PermissionsPanel({ conn }: { conn: ConnectionView }) {
  const test = conn.lastTest;
  const roles = test?.grantedRoles ?? [];
  const known = test !== null && (test.ok || roles.length > 0);
  return (
    <div className="grid gap-4 border-t border-slate-100 bg-slate-50/60 px-5 py-4 md:grid-cols-2" data-testid="permissions-panel">
      <div>
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Needed by its flows</h3>
        {conn.needed.length === 0 ? (
          <p className="mt-1.5 text-sm text-slate-500">No flow uses a Defender step with this connection yet.</p>
        ) : (
          <ul className="mt-1.5 space-y-1.5">
            {conn.needed.map((n) => {
              const granted = known && permissionGranted(n.permission, roles);
              return (
                <li key={n.permission} data-testid="needed-permission" data-permission={n.permission} data-granted={known ? String(granted) : 'unknown'} className="text-sm">
                  <div className="flex items-center gap-2">
                    <span aria-hidden="true" className={`flex h-4 w-4 items-center justify-center rounded-full text-[10px] font-bold ${!known ? 'bg-slate-200 text-slate-500' : granted ? 'bg-emerald-100 text-emerald-700' : 'bg-red-100 text-red-700'}`}>
                      {!known ? '?' : granted ? '✓' : '✕'}
                    </span>
                    <code className={`font-mono text-[13px] ${known && !granted ? 'font-semibold text-red-700' : 'text-slate-800'}`}>{n.permission}</code>
                    <span className="truncate text-xs text-slate-500" title={n.flows.join(', ')}>
                      {n.flows.join(', ')}
                    </span>
                  </div>
                  {known && !granted && <p className="mt-0.5 ml-6 text-xs text-red-700">{grantAdvice(n.permission)} Then test the connection again.</p>}
                </li>
              );
            })}
          </ul>
        )}
        {!known && conn.needed.length > 0 && <p className="mt-2 text-xs text-slate-500">Test the connection to compare with the permissions its token carries.</p>}
      </div>
      <div>
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Token roles (application permissions)</h3>
        {!known ? (
          <p className="mt-1.5 text-sm text-slate-500">Not known yet.</p>
        ) : roles.length === 0 ? (
          <p className="mt-1.5 text-sm text-red-700">The token carries no application roles: add WindowsDefenderATP permissions and grant admin consent.</p>
        ) : (
          <ul className="mt-1.5 flex flex-wrap gap-1.5" data-testid="granted-roles">
            {roles.map((r) => (
              <li key={r} className="rounded-md bg-white px-2 py-0.5 font-mono text-xs text-slate-700 ring-1 ring-slate-200 ring-inset">
                {r}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
