'use client';
// The trigger's "On failure" settings: who is emailed, and which Teams webhook gets a card,
// when a run of this flow fails or times out. Stored in the
// trigger's settings (core/flow/failure-notification.ts says why), so they are published with
// the flow. Addresses are literal: a notification about the run cannot depend on the run's data.
import { useId, type JSX } from 'react';
import { failureRecipients, type TFailureNotification } from '@/core/flow/failure-notification';
import type { TStepSettings } from '@/core/flow/step-settings';
import type { ConnectionOption } from '../types';
import { borderClass, inputClass } from './styles';

interface Props {
  settings: TStepSettings | undefined;
  connections: ConnectionOption[];
  readOnly: boolean;
  onChange(settings: TStepSettings | null): void;
}

export function FailureNotificationSettings({ settings, connections, readOnly, onChange }: Props): JSX.Element {
  const base = useId();
  const current = settings?.onFailure;
  const recipients = failureRecipients(current);
  const smtp = connections.filter((c) => c.kind === 'smtp');
  const smtpId = current?.smtpConnectionId ?? '';
  const missing = smtpId !== '' && !smtp.some((c) => c.id === smtpId);
  const webhooks = connections.filter((c) => c.kind === 'webhook');
  const teamsId = current?.teamsConnectionId ?? '';
  const teamsMissing = teamsId !== '' && !webhooks.some((c) => c.id === teamsId);
  const targets = [
    ...(recipients.length === 0 ? [] : [`email ${recipients.length === 1 ? recipients[0] : `${recipients.length} people`}`]),
    ...(teamsId === '' ? [] : ['post to Teams']),
  ];

  function update(patch: Partial<TFailureNotification>): void {
    const next: TFailureNotification = { ...current, ...patch };
    const clean = Object.fromEntries(
      Object.entries(next).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)),
    ) as TFailureNotification;
    const rest = Object.fromEntries(Object.entries({ ...settings, onFailure: undefined }).filter(([, v]) => v !== undefined)) as TStepSettings;
    const merged: TStepSettings = Object.keys(clean).length === 0 ? rest : { ...rest, onFailure: clean };
    onChange(Object.keys(merged).length === 0 ? null : merged);
  }

  return (
    <details className="rounded-md border border-slate-200" data-testid="failure-notification-settings">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700 select-none">
        On failure
        <span className="ml-2 text-xs font-normal text-slate-500">
          {targets.length === 0 ? 'nobody is notified' : targets.join(', ')}
        </span>
      </summary>
      <div className="space-y-3 border-t border-slate-200 px-3 py-3">
        <div className="space-y-1">
          <label htmlFor={`${base}-to`} className="block text-xs font-medium text-slate-600">
            Email these people
          </label>
          {/* Kept as typed (split on commas, joined back) so a half-typed list never jumps. */}
          <input
            id={`${base}-to`}
            type="text"
            readOnly={readOnly}
            placeholder="soc-oncall@contoso.com, lead@contoso.com"
            value={(current?.emailTo ?? []).join(',')}
            onChange={(e) => update({ emailTo: e.target.value === '' ? undefined : e.target.value.split(',') })}
            className={`${inputClass} ${borderClass(false)}`}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor={`${base}-smtp`} className="block text-xs font-medium text-slate-600">
            Send through
          </label>
          <select
            id={`${base}-smtp`}
            value={smtpId}
            disabled={readOnly}
            aria-invalid={missing || undefined}
            onChange={(e) => update({ smtpConnectionId: e.target.value || undefined })}
            className={`${inputClass} ${borderClass(missing)} pr-8`}
          >
            <option value="">{smtp.length === 0 ? 'No SMTP connections' : 'Choose an SMTP connection…'}</option>
            {missing && <option value={smtpId}>Unknown connection (deleted?)</option>}
            {smtp.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.isDemo ? ' (demo)' : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${base}-teams`} className="block text-xs font-medium text-slate-600">
            Post a card to Teams
          </label>
          <select
            id={`${base}-teams`}
            value={teamsId}
            disabled={readOnly}
            aria-invalid={teamsMissing || undefined}
            onChange={(e) => update({ teamsConnectionId: e.target.value || undefined })}
            className={`${inputClass} ${borderClass(teamsMissing)} pr-8`}
          >
            <option value="">{webhooks.length === 0 ? 'No webhook connections' : 'No Teams card'}</option>
            {teamsMissing && <option value={teamsId}>Unknown connection (deleted?)</option>}
            {webhooks.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.isDemo ? ' (demo)' : ''}
              </option>
            ))}
          </select>
        </div>
        <p className="text-xs text-slate-500">
          When a run fails or times out, each address gets one email, and the Teams channel one card, with the error and a link to the run.
        </p>
      </div>
    </details>
  );
}
