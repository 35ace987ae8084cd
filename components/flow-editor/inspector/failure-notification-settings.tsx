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
import { ConnectionOptions } from './fields/connection-field';

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
  const webhooks = connections.filter((c) => c.kind === 'webhook');
  const teamsId = current?.teamsConnectionId ?? '';
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
        <ConnectionSelect
          id={`${base}-smtp`}
          label="Send through"
          value={smtpId}
          options={smtp}
          readOnly={readOnly}
          noneLabel={smtp.length === 0 ? 'No SMTP connections' : 'Choose an SMTP connection…'}
          onChange={(id) => update({ smtpConnectionId: id })}
        />
        <ConnectionSelect
          id={`${base}-teams`}
          label="Post a card to Teams"
          value={teamsId}
          options={webhooks}
          readOnly={readOnly}
          noneLabel={webhooks.length === 0 ? 'No webhook connections' : 'No Teams card'}
          onChange={(id) => update({ teamsConnectionId: id })}
        />
        <p className="text-xs text-slate-500">
          When a run fails or times out, each address gets one email, and the Teams channel one card, with the error and a link to the run.
        </p>
      </div>
    </details>
  );
}

interface ConnectionSelectProps {
  id: string;
  label: string;
  value: string;
  options: ConnectionOption[];
  readOnly: boolean;
  /** The empty choice's text. */
  noneLabel: string;
  onChange(id: string | undefined): void;
}

/** An optional connection picker with its own empty choice. */
function ConnectionSelect({ id, label, value, options, readOnly, noneLabel, onChange }: ConnectionSelectProps): JSX.Element {
  const missing = value !== '' && !options.some((c) => c.id === value);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={readOnly}
        aria-invalid={missing || undefined}
        onChange={(e) => onChange(e.target.value || undefined)}
        className={`${inputClass} ${borderClass(missing)} pr-8`}
      >
        <option value="">{noneLabel}</option>
        <ConnectionOptions options={options} current={value} missing={missing} />
      </select>
    </div>
  );
}
