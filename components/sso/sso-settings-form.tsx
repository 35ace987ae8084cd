'use client';
// /settings/sso: switch SSO on, point it at the Entra app registration, map groups and app roles
// to roles. The secret is write-only (sent only when replaced, null when cleared).
import { useState, useTransition, type FormEvent, type ReactNode } from 'react';
import type { ActionResult } from '../action-result';
import { Card, CardHeader } from '../ui/page-header';
import { inputClass } from '../connections/field-styles';
import { formatUtc } from '../ui/format';
import { SsoSecretField, type SsoSecretMode } from './sso-secret-field';
import { SsoRulesEditor } from './sso-rules-editor';
import { RedirectUriField } from './redirect-uri-field';
import type { SsoCloudOption, SsoDefault, SsoSettingsFormView, SsoSettingsSubmit } from './types';

interface Props {
  initial: SsoSettingsFormView;
  clouds: SsoCloudOption[];
  redirectUri: string | null;
  save(input: SsoSettingsSubmit): Promise<ActionResult<SsoSettingsFormView>>;
}

/** zod details (`[{ path, message }]`) → message per field; rules.N.value → rule N. */
function fieldErrors(details: unknown): { fields: Record<string, string>; rules: Record<number, string> } {
  const fields: Record<string, string> = {};
  const rules: Record<number, string> = {};
  if (!Array.isArray(details)) return { fields, rules };
  for (const d of details as { path?: unknown; message?: unknown }[]) {
    if (typeof d.path !== 'string' || typeof d.message !== 'string') continue;
    const [head, index] = d.path.split('.');
    if (head === 'rules' && index !== undefined) rules[Number(index)] ??= d.message;
    else if (head) fields[head] ??= d.message;
  }
  return { fields, rules };
}

const DEFAULTS: { value: SsoDefault; label: string; hint: string }[] = [
  { value: 'refuse', label: 'Refuse the sign-in', hint: 'Recommended: only mapped groups and app roles get in.' },
  { value: 'viewer', label: 'Sign in as viewer', hint: 'Anyone in the tenant who can use the app may read flows and runs.' },
  { value: 'editor', label: 'Sign in as editor', hint: 'Anyone in the tenant who can use the app may change flows.' },
];

export function SsoSettingsForm({ initial, clouds, redirectUri, save }: Props) {
  const [saved, setSaved] = useState(initial);
  const [form, setForm] = useState(initial);
  const [secretMode, setSecretMode] = useState<SsoSecretMode>('keep');
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<ReturnType<typeof fieldErrors>>({ fields: {}, rules: {} });
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const set = <K extends keyof SsoSettingsFormView>(key: K, value: SsoSettingsFormView[K]) => setForm((f) => ({ ...f, [key]: value }));
  const cloud = clouds.find((c) => c.id === form.cloud);

  function payload(): SsoSettingsSubmit {
    const input: SsoSettingsSubmit = {
      enabled: form.enabled,
      cloud: form.cloud,
      tenantId: form.tenantId,
      clientId: form.clientId,
      rules: form.rules,
      defaultRole: form.defaultRole,
      autoCreate: form.autoCreate,
    };
    if (form.cloud === 'custom') input.authorityHost = form.authorityHost;
    if (secretMode === 'clear') input.clientSecret = null;
    else if (secretMode === 'replace' && secret !== '') input.clientSecret = secret;
    return input;
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    setErrors({ fields: {}, rules: {} });
    startTransition(async () => {
      const result = await save(payload());
      if (result.ok) {
        setSaved(result.data);
        setForm(result.data);
        setSecret('');
        setSecretMode('keep');
        setMessage({ tone: 'ok', text: result.data.enabled ? 'Saved. Single sign-on is on.' : 'Saved. Single sign-on is off.' });
        return;
      }
      const found = fieldErrors(result.details);
      setErrors(found);
      const highlighted = Object.keys(found.fields).length + Object.keys(found.rules).length > 0;
      setMessage({ tone: 'error', text: highlighted ? 'Check the highlighted fields.' : result.error });
    });
  }

  return (
    <form onSubmit={onSubmit} className="max-w-4xl space-y-6" noValidate data-testid="sso-settings-form">
      {message && (
        <p
          role={message.tone === 'error' ? 'alert' : 'status'}
          data-testid={message.tone === 'error' ? 'sso-save-error' : 'sso-save-ok'}
          className={`rounded-md border px-3 py-2 text-sm ${message.tone === 'error' ? 'border-red-200 bg-red-50 text-red-800' : 'border-emerald-200 bg-emerald-50 text-emerald-800'}`}
        >
          {message.text}
        </p>
      )}

      <Card>
        <div className="flex flex-wrap items-center justify-between gap-4 px-5 py-4">
          <div>
            <h2 className="text-sm font-semibold text-slate-900">Sign in with Microsoft</h2>
            <p className="mt-0.5 text-sm text-slate-600">
              When on, the sign-in page offers “Sign in with Microsoft”. Password sign-in stays available for local accounts.
            </p>
          </div>
          <label className="inline-flex items-center gap-2">
            <span className={`text-xs font-medium ${form.enabled ? 'text-emerald-700' : 'text-slate-500'}`}>{form.enabled ? 'On' : 'Off'}</span>
            <button
              type="button"
              role="switch"
              aria-checked={form.enabled}
              aria-label="Single sign-on"
              data-testid="sso-enabled"
              onClick={() => set('enabled', !form.enabled)}
              className={`relative inline-flex h-5 w-9 shrink-0 cursor-pointer rounded-full border-2 border-transparent transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${
                form.enabled ? 'bg-emerald-600' : 'bg-slate-300'
              }`}
            >
              <span aria-hidden="true" className={`pointer-events-none inline-block h-4 w-4 rounded-full bg-white shadow-sm transition-transform ${form.enabled ? 'translate-x-4' : 'translate-x-0'}`} />
            </button>
          </label>
        </div>
      </Card>

      <Card>
        <CardHeader title="App registration in Microsoft Entra ID" />
        <div className="grid gap-5 px-5 py-5 sm:grid-cols-2">
          <Field label="Cloud" htmlFor="sso-cloud" error={errors.fields.cloud} hint={cloud && cloud.id !== 'custom' ? `Authority: ${cloud.authorityHost}/<tenant id>` : undefined}>
            <select id="sso-cloud" value={form.cloud} onChange={(e) => set('cloud', e.target.value)} className={inputClass(Boolean(errors.fields.cloud))}>
              {clouds.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </Field>
          {form.cloud === 'custom' ? (
            <Field label="Authority host" htmlFor="sso-authority" error={errors.fields.authorityHost} hint="https://host[:port] — the tenant id is added to it.">
              <input
                id="sso-authority"
                value={form.authorityHost}
                onChange={(e) => set('authorityHost', e.target.value)}
                placeholder="https://login.example.net"
                className={inputClass(Boolean(errors.fields.authorityHost))}
              />
            </Field>
          ) : (
            <div className="hidden sm:block" />
          )}
          <Field label="Directory (tenant) ID" htmlFor="sso-tenant" error={errors.fields.tenantId}>
            <input id="sso-tenant" value={form.tenantId} onChange={(e) => set('tenantId', e.target.value)} placeholder="00000000-0000-0000-0000-000000000000" className={`${inputClass(Boolean(errors.fields.tenantId))} font-mono`} />
          </Field>
          <Field label="Application (client) ID" htmlFor="sso-client" error={errors.fields.clientId}>
            <input id="sso-client" value={form.clientId} onChange={(e) => set('clientId', e.target.value)} placeholder="00000000-0000-0000-0000-000000000000" className={`${inputClass(Boolean(errors.fields.clientId))} font-mono`} />
          </Field>
          <SsoSecretField isSet={saved.secretSet} mode={secretMode} value={secret} error={errors.fields.clientSecret} onMode={setSecretMode} onValue={setSecret} />
          <RedirectUriField value={redirectUri} />
        </div>
      </Card>

      <Card>
        <CardHeader title="Roles from Entra ID" />
        <div className="space-y-6 px-5 py-5">
          <p className="text-sm text-slate-600">
            Map the <span className="font-medium">groups</span> claim (group object ids) or the <span className="font-medium">roles</span> claim (app role values) to a
            Riposte role. Someone matching several rules gets the highest role; the role is applied again at every sign-in.
          </p>
          <SsoRulesEditor rules={form.rules} errors={errors.rules} onChange={(rules) => set('rules', rules)} />
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Users matching no rule</legend>
            <div className="mt-2 space-y-2">
              {DEFAULTS.map((d) => (
                <label key={d.value} className="flex items-start gap-2.5 text-sm">
                  <input type="radio" name="sso-default" value={d.value} checked={form.defaultRole === d.value} onChange={() => set('defaultRole', d.value)} className="mt-0.5 h-4 w-4 accent-indigo-600" />
                  <span>
                    <span className="font-medium text-slate-800">{d.label}</span>
                    <span className="block text-xs text-slate-500">{d.hint}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <label className="flex items-start gap-2.5 text-sm">
            <input type="checkbox" checked={form.autoCreate} onChange={(e) => set('autoCreate', e.target.checked)} className="mt-0.5 h-4 w-4 accent-indigo-600" data-testid="sso-auto-create" />
            <span>
              <span className="font-medium text-slate-800">Create a Riposte account at first sign-in</span>
              <span className="block text-xs text-slate-500">Off: only people who already signed in with Microsoft before can sign in.</span>
            </span>
          </label>
        </div>
      </Card>

      <div className="flex items-center justify-between gap-4">
        <p className="text-xs text-slate-500" data-testid="sso-updated">
          {saved.updatedAt ? `Last changed ${formatUtc(saved.updatedAt)}${saved.updatedBy ? ` by ${saved.updatedBy}` : ''}.` : 'Not configured yet.'}
        </p>
        <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500 disabled:opacity-60">
          {pending ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}

function Field({ label, htmlFor, error, hint, children }: { label: string; htmlFor: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {error ? <p className="text-xs text-red-700">{error}</p> : hint && <p className="text-xs text-slate-500">{hint}</p>}
    </div>
  );
}
