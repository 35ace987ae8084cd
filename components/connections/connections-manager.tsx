'use client';
// The Connections list: every connection with where it points, when it was created and its last
// test; admins create, edit, test and delete. Every action is authorised again on the server.
import { ConfirmDialog } from '../ui/confirm-dialog';
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Badge } from '../ui/badge';
import { Icon } from '../ui/icon';
import { RelativeTime } from '../ui/time';
import { EmptyState, PageHeader } from '../ui/page-header';
import { ConnectionForm } from './connection-form';
import { PermissionsPanel } from './permissions-panel';
import { KIND_FORMS, kindForm } from './registry';
import type { KindForm } from './forms/kind-form';
import type { ConnectionActions, ConnectionView } from './types';

interface ManagerProps {
  title: string;
  description: string;
  connections: ConnectionView[];
  canWrite: boolean;
  /** Kinds the server accepts: only these are offered under "New connection". */
  supportedKinds: readonly string[];
  actions: ConnectionActions;
  now: number;
}

const TONE = { green: 'bg-emerald-50 text-emerald-800', amber: 'bg-amber-50 text-amber-900', red: 'bg-red-50 text-red-800' } as const;

type Editing = { form: KindForm; existing: ConnectionView | null } | null;

export function ConnectionsManager({ title, description, connections, canWrite, supportedKinds, actions, now }: ManagerProps) {
  const router = useRouter();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<ConnectionView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const creatable = KIND_FORMS.filter((k) => supportedKinds.includes(k.kind));

  const saved = (conn: ConnectionView, created: boolean) => {
    setEditing(null);
    setNotice(created ? `Created “${conn.name}”. Test it to see what its token may do.` : `Saved “${conn.name}”.`);
    router.refresh();
  };

  return (
    <>
      <PageHeader title={title} description={description} actions={canWrite && <NewConnectionMenu kinds={creatable} onPick={(form) => setEditing({ form, existing: null })} />} />
      {notice && (
        <p role="status" data-testid="connections-notice" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {notice}
        </p>
      )}
      {connections.length === 0 ? (
        <section className="rounded-xl border border-slate-200 bg-white shadow-xs">
          <EmptyState icon={<Icon name="plug" className="h-5 w-5" />} title="No connections yet">
            {canWrite ? 'Add a Defender tenant to start flows on its alerts, an SMTP server to send email, and a Teams or Slack webhook to post to a channel.' : 'An admin adds the Defender tenants, mail servers and webhooks flows use.'}
          </EmptyState>
        </section>
      ) : (
        <ul className="space-y-4" data-testid="connection-list">
          {connections.map((c) => (
            <ConnectionCard
              key={c.id}
              conn={c}
              canWrite={canWrite}
              editable={kindForm(c.kind) !== undefined && supportedKinds.includes(c.kind)}
              actions={actions}
              now={now}
              onEdit={() => {
                const form = kindForm(c.kind);
                if (form) setEditing({ form, existing: c });
              }}
              onDelete={() => setDeleting(c)}
              onTested={() => router.refresh()}
            />
          ))}
        </ul>
      )}
      {editing && (
        <ConnectionForm
          form={editing.form}
          existing={editing.existing}
          submit={(input) => (editing.existing ? actions.update(editing.existing.id, input) : actions.create(input))}
          onDone={(conn) => saved(conn, editing.existing === null)}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && (
        <DeleteDialog
          conn={deleting}
          remove={actions.remove}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setNotice(`Deleted “${deleting.name}”.`);
            setDeleting(null);
            router.refresh();
          }}
        />
      )}
    </>
  );
}

function NewConnectionMenu({ kinds, onPick }: { kinds: readonly KindForm[]; onPick(form: KindForm): void }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="relative">
      <button
        type="button"
        data-testid="new-connection"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex items-center gap-1.5 rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500"
      >
        <Icon name="plus" />
        New connection
      </button>
      {open && (
        <div role="menu" aria-label="Connection kinds" className="absolute top-11 right-0 z-20 w-80 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-lg">
          {kinds.map((k) => (
            <button
              key={k.kind}
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                onPick(k);
              }}
              className="flex w-full items-start gap-3 px-4 py-3 text-left hover:bg-slate-50"
            >
              <span className="mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded-md bg-indigo-50 text-indigo-600">
                <Icon name={k.icon} />
              </span>
              <span>
                <span className="block text-sm font-medium text-slate-900">{k.label}</span>
                <span className="block text-xs text-slate-500">{k.description}</span>
              </span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

function TestStatus({ conn, now }: { conn: ConnectionView; now: number }) {
  const t = conn.lastTest;
  if (!t) return <span className="text-sm text-slate-400">Not tested yet</span>;
  return (
    <span className="flex flex-col items-end gap-0.5" data-testid="last-test" data-ok={String(t.ok)}>
      <Badge tone={t.ok ? 'green' : 'red'} dot>
        {t.ok ? 'Works' : 'Failed'}
      </Badge>
      <span className="text-xs text-slate-500">
        tested <RelativeTime iso={t.at} now={now} />
      </span>
    </span>
  );
}

interface CardProps {
  conn: ConnectionView;
  canWrite: boolean;
  editable: boolean;
  actions: ConnectionActions;
  now: number;
  onEdit(): void;
  onDelete(): void;
  onTested(): void;
}

function ConnectionCard({ conn, canWrite, editable, actions, now, onEdit, onDelete, onTested }: CardProps) {
  const form = kindForm(conn.kind);
  const [testing, startTest] = useTransition();
  const [testMessage, setTestMessage] = useState<{ tone: 'green' | 'amber' | 'red'; text: string } | null>(null);
  const where = form ? form.summary(conn) : '';
  const test = () =>
    startTest(async () => {
      setTestMessage(null);
      const result = await actions.test(conn.id);
      if (!result.ok) return setTestMessage({ tone: 'red', text: result.error });
      const missing = result.data.permissions?.some((p) => !p.granted) ?? false;
      setTestMessage({ tone: !result.data.ok ? 'red' : missing ? 'amber' : 'green', text: result.data.message });
      onTested();
    });
  const failedMessage = testMessage === null && conn.lastTest && !conn.lastTest.ok ? conn.lastTest.error : null;

  return (
    <li className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-xs" data-testid="connection-card" data-connection-id={conn.id} data-kind={conn.kind}>
      <div className="flex flex-wrap items-start gap-4 px-5 py-4">
        <span className="mt-0.5 flex h-9 w-9 shrink-0 items-center justify-center rounded-lg bg-slate-100 text-slate-600">
          <Icon name={form?.icon ?? 'box'} className="h-5 w-5" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="truncate text-sm font-semibold text-slate-900" data-testid="connection-name">
              {conn.name}
            </h2>
            <Badge tone="slate">{form?.label ?? conn.kind}</Badge>
            {conn.isDemo && <Badge tone="amber">Demo</Badge>}
            <span title={conn.usedBy.join(', ')} data-testid="connection-used-by">
              <Badge tone={conn.usedBy.length === 0 ? 'slate' : 'indigo'}>{conn.usedBy.length === 0 ? 'Not used' : `Used by ${conn.usedBy.length} flow${conn.usedBy.length === 1 ? '' : 's'}`}</Badge>
            </span>
          </div>
          <p className="mt-1 flex flex-wrap items-center gap-y-0.5 text-sm text-slate-500 [&>*+*]:before:mx-2 [&>*+*]:before:text-slate-300 [&>*+*]:before:content-['·']">
            {where && <span data-testid="connection-where">{where}</span>}
            {typeof conn.config.tenantId === 'string' && (
              <span title="Tenant ID">
                <span className="font-mono text-xs">{conn.config.tenantId}</span>
              </span>
            )}
            <span>
              created <RelativeTime iso={conn.createdAt} now={now} />
            </span>
          </p>
          {(testMessage || failedMessage) && (
            <p
              role={testMessage ? 'status' : undefined}
              data-testid="test-message"
              data-tone={testMessage?.tone ?? 'red'}
              className={`mt-2 rounded-md px-3 py-1.5 text-sm break-words ${TONE[testMessage?.tone ?? 'red']}`}
            >
              {testMessage?.text ?? failedMessage}
            </p>
          )}
        </div>
        <div className="flex shrink-0 items-start gap-4">
          <TestStatus conn={conn} now={now} />
          {canWrite && (
            <div className="flex items-center gap-1.5">
              <CardButton onClick={test} disabled={testing} label={testing ? 'Testing…' : 'Test'} icon="play" />
              {editable && <CardButton onClick={onEdit} label="Edit" icon="pencil" />}
              <CardButton onClick={onDelete} label="Delete" icon="trash" danger ariaLabel={`Delete ${conn.name}`} />
            </div>
          )}
        </div>
      </div>
      {conn.kind === 'defender' && <PermissionsPanel conn={conn} />}
    </li>
  );
}

function CardButton({ label, icon, onClick, disabled, danger, ariaLabel }: { label: string; icon: string; onClick(): void; disabled?: boolean; danger?: boolean; ariaLabel?: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-label={ariaLabel}
      className={`inline-flex h-8 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 text-sm font-medium shadow-xs disabled:opacity-60 ${danger ? 'text-slate-600 hover:border-red-300 hover:bg-red-50 hover:text-red-700' : 'text-slate-700 hover:bg-slate-50'}`}
    >
      <Icon name={icon} className="h-3.5 w-3.5" />
      {label}
    </button>
  );
}

function DeleteDialog({ conn, remove, onClose, onDeleted }: { conn: ConnectionView; remove: ConnectionActions['remove']; onClose(): void; onDeleted(): void }) {
  const inUse = conn.usedBy.length > 0;
  return (
    <ConfirmDialog
      title={`Delete “${conn.name}”?`}
      testId="delete-dialog"
      confirmLabel="Delete connection"
      pendingLabel="Deleting…"
      // In use: the server refuses anyway (409); a stale page still shows its answer below.
      disabled={inUse}
      disabledTitle="Used by flows: choose another connection in them first"
      errorTestId="delete-error"
      onConfirm={() => remove(conn.id)}
      onDone={onDeleted}
      onClose={onClose}
    >
      {inUse ? (
        <div data-testid="delete-in-use" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="font-medium">It cannot be deleted while flows use it:</p>
          <ul className="mt-1 list-disc pl-5">
            {conn.usedBy.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <p className="mt-1">Choose another connection in their steps (draft and published version) first.</p>
        </div>
      ) : (
        <p className="text-sm text-slate-600">Its stored secret is deleted with it. This cannot be undone.</p>
      )}
    </ConfirmDialog>
  );
}
