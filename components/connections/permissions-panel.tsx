// What the connection's tokens may do next to what its flows need. Missing permissions are red,
// with the fix; roles come from the last "Test connection" (the tokens themselves never leave the
// server). Two tokens: the Defender API's (WindowsDefenderATP permissions) and Microsoft Graph's
// (Graph hunting needs ThreatHunting.Read.All there).
import { acceptedRoles, API_NAMES, grantAdvice, hasPermission, NO_ROLES, type PermissionApi } from '@/core/defender/permissions';
import type { ConnectionView } from './types';

const TOKEN_TITLES: Record<PermissionApi, string> = { mde: 'Defender API token', graph: 'Microsoft Graph token' };

function RoleList({ api, roles }: { api: PermissionApi; roles: readonly string[] }) {
  return (
    <div className="mt-1.5">
      <p className="text-xs text-slate-500">
        {TOKEN_TITLES[api]}
        {api === 'mde' && <span className="text-slate-400"> ({API_NAMES.mde})</span>}
      </p>
      {roles.length === 0 ? (
        <p className={`mt-0.5 text-sm ${api === 'mde' ? 'text-red-700' : 'text-slate-500'}`} data-testid={api === 'mde' ? 'granted-roles-none' : 'granted-graph-roles-none'}>
          {api === 'mde' ? 'No application roles: add WindowsDefenderATP permissions and grant admin consent.' : 'No application roles (only Graph hunting needs one).'}
        </p>
      ) : (
        <ul className="mt-1 flex flex-wrap gap-1.5" data-testid={api === 'mde' ? 'granted-roles' : 'granted-graph-roles'}>
          {roles.map((r) => (
            <li key={r} className="rounded-md bg-white px-2 py-0.5 font-mono text-xs text-slate-700 ring-1 ring-slate-200 ring-inset">
              {r}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function PermissionsPanel({ conn }: { conn: ConnectionView }) {
  const test = conn.lastTest;
  const roles = test?.grantedRoles ?? NO_ROLES;
  const known = test !== null && (test.ok || roles.mde.length + roles.graph.length > 0);
  return (
    <div className="grid gap-4 border-t border-slate-100 bg-slate-50/60 px-5 py-4 md:grid-cols-2" data-testid="permissions-panel">
      <div>
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Needed by its flows</h3>
        {conn.needed.length === 0 ? (
          <p className="mt-1.5 text-sm text-slate-500">No flow uses a Defender step with this connection yet.</p>
        ) : (
          <ul className="mt-1.5 space-y-1.5">
            {conn.needed.map((n) => {
              const p = { api: n.api, role: n.permission, ...(n.orAnyOf ? { orAnyOf: n.orAnyOf } : {}) };
              const granted = known && hasPermission(p, roles);
              return (
                <li key={acceptedRoles(p).join() + n.api} data-testid="needed-permission" data-permission={n.permission} data-api={n.api} data-granted={known ? String(granted) : 'unknown'} className="text-sm">
                  <div className="flex items-center gap-2">
                    <span aria-hidden="true" className={`flex h-4 w-4 shrink-0 items-center justify-center rounded-full text-[10px] font-bold ${!known ? 'bg-slate-200 text-slate-500' : granted ? 'bg-emerald-100 text-emerald-700' : 'bg-red-100 text-red-700'}`}>
                      {!known ? '?' : granted ? '✓' : '✕'}
                    </span>
                    <code className={`font-mono text-[13px] ${known && !granted ? 'font-semibold text-red-700' : 'text-slate-800'}`}>{n.permission}</code>
                    {n.api === 'graph' && <span className="rounded bg-sky-50 px-1.5 text-[11px] text-sky-700 ring-1 ring-sky-200 ring-inset">Microsoft Graph</span>}
                    {n.orAnyOf && n.orAnyOf.length > 0 && (
                      <span className="truncate text-xs text-slate-500" title={n.orAnyOf.join(', ')} data-testid="or-any-of">
                        or any of {n.orAnyOf.join(', ')}
                      </span>
                    )}
                    <span className="truncate text-xs text-slate-500" title={n.flows.join(', ')}>
                      {n.flows.join(', ')}
                    </span>
                  </div>
                  {known && !granted && <p className="mt-0.5 ml-6 text-xs text-red-700">{grantAdvice(p)} Then test the connection again.</p>}
                </li>
              );
            })}
          </ul>
        )}
        {!known && conn.needed.length > 0 && <p className="mt-2 text-xs text-slate-500">Test the connection to compare with the permissions its tokens carry.</p>}
      </div>
      <div>
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Token roles (application permissions)</h3>
        {!known ? (
          <p className="mt-1.5 text-sm text-slate-500">Not known yet.</p>
        ) : (
          <>
            <RoleList api="mde" roles={roles.mde} />
            <RoleList api="graph" roles={roles.graph} />
          </>
        )}
      </div>
    </div>
  );
}
