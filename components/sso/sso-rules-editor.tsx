'use client';
// Claim mapping: Entra group object ids and app role values → a Riposte role. The highest role
// among the rules a person matches wins.
import { inputClass } from '../connections/field-styles';
import { Icon } from '../ui/icon';
import type { SsoRole, SsoRuleView } from './types';

const ROLES: SsoRole[] = ['viewer', 'editor', 'admin'];

interface Props {
  rules: SsoRuleView[];
  errors: Record<number, string>;
  onChange(rules: SsoRuleView[]): void;
}

export function SsoRulesEditor({ rules, errors, onChange }: Props) {
  const update = (i: number, patch: Partial<SsoRuleView>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="space-y-3" data-testid="sso-rules">
      {rules.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-4 py-5 text-center text-sm text-slate-500">
          No rules yet. Add a group or an app role and the Riposte role its members get.
        </p>
      ) : (
        <div className="overflow-hidden rounded-lg border border-slate-200">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className="w-40 px-3 py-2">Claim</th>
                <th className="px-3 py-2">Group object id or app role value</th>
                <th className="w-36 px-3 py-2">Riposte role</th>
                <th className="w-12 px-3 py-2"><span className="sr-only">Remove</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {rules.map((rule, i) => (
                <tr key={i} data-testid={`sso-rule-${i}`} className="align-top">
                  <td className="px-3 py-2">
                    <select aria-label={`Rule ${i + 1} claim`} value={rule.kind} onChange={(e) => update(i, { kind: e.target.value === 'appRole' ? 'appRole' : 'group' })} className={inputClass(false)}>
                      <option value="group">Group</option>
                      <option value="appRole">App role</option>
                    </select>
                  </td>
                  <td className="px-3 py-2">
                    <input
                      aria-label={`Rule ${i + 1} value`}
                      value={rule.value}
                      onChange={(e) => update(i, { value: e.target.value })}
                      placeholder={rule.kind === 'group' ? '00000000-0000-0000-0000-000000000000' : 'Riposte.Editor'}
                      aria-invalid={errors[i] ? true : undefined}
                      className={`${inputClass(Boolean(errors[i]))} font-mono`}
                    />
                    {errors[i] && <p className="mt-1 text-xs text-red-700">{errors[i]}</p>}
                  </td>
                  <td className="px-3 py-2">
                    <select aria-label={`Rule ${i + 1} role`} value={rule.role} onChange={(e) => update(i, { role: ROLES.find((r) => r === e.target.value) ?? 'viewer' })} className={`${inputClass(false)} capitalize`}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r[0]!.toUpperCase() + r.slice(1)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="px-3 py-2 text-right">
                    <button
                      type="button"
                      aria-label={`Remove rule ${i + 1}`}
                      onClick={() => onChange(rules.filter((_, j) => j !== i))}
                      className="mt-1.5 rounded p-1 text-slate-400 hover:bg-red-50 hover:text-red-600"
                    >
                      <Icon name="trash" className="h-4 w-4" />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button
        type="button"
        onClick={() => onChange([...rules, { kind: 'group', value: '', role: 'viewer' }])}
        className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50"
      >
        <Icon name="plus" className="h-4 w-4" />
        Add rule
      </button>
    </div>
  );
}
