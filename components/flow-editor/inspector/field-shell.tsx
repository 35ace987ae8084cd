// Label (with the required asterisk), description and inline errors around one form control.
// The control gets `id`; errors and description are wired to it through aria-describedby.
import type { ReactNode } from 'react';

export interface FieldMessages {
  errors: string[];
  warnings: string[];
}

export function describedBy(id: string, description: string | undefined, messages: FieldMessages): string | undefined {
  const ids = [
    description !== undefined ? `${id}-desc` : '',
    messages.errors.length + messages.warnings.length > 0 ? `${id}-msg` : '',
  ].filter((x) => x !== '');
  return ids.length > 0 ? ids.join(' ') : undefined;
}

interface FieldShellProps {
  id: string;
  /** The param key, exposed as `data-field`. */
  fieldKey: string;
  title: string;
  required: boolean;
  description?: string;
  messages: FieldMessages;
  /** 'label' wires <label htmlFor>; 'legend' names a composite control (the condition builder). */
  labelAs?: 'label' | 'legend';
  aside?: ReactNode;
  children: ReactNode;
}

export function FieldShell({ id, fieldKey, title, required, description, messages, labelAs = 'label', aside, children }: FieldShellProps) {
  const titleNode = (
    <>
      {title}
      {required && (
        <span aria-hidden="true" className="ml-0.5 text-red-600">
          *
        </span>
      )}
    </>
  );
  const labelClass = 'block text-sm font-medium text-slate-700';
  return (
    // Only composite controls are a named group: a labelled wrapper around a labelled input
    // would give two elements the same name. `data-field` lets tests scope to one field.
    <div
      className="space-y-1.5"
      data-field={fieldKey}
      role={labelAs === 'legend' ? 'group' : undefined}
      aria-labelledby={labelAs === 'legend' ? `${id}-label` : undefined}
    >
      <div className="flex items-center justify-between gap-2">
        {labelAs === 'label' ? (
          <label id={`${id}-label`} htmlFor={id} className={labelClass}>
            {titleNode}
          </label>
        ) : (
          <span id={`${id}-label`} className={labelClass}>
            {titleNode}
          </span>
        )}
        {aside}
      </div>
      {/* A composite control (condition builder) is tall: explain it before, not after. */}
      {labelAs === 'legend' && descriptionNode(id, description)}
      {children}
      {labelAs === 'label' && descriptionNode(id, description)}
      <FieldMessageList id={`${id}-msg`} messages={messages} />
    </div>
  );
}

function descriptionNode(id: string, description: string | undefined) {
  if (description === undefined) return null;
  return (
    <p id={`${id}-desc`} className="text-xs text-slate-500">
      {description}
    </p>
  );
}

export function FieldMessageList({ id, messages }: { id?: string; messages: FieldMessages }) {
  if (messages.errors.length + messages.warnings.length === 0) return null;
  return (
    <ul id={id} className="space-y-0.5 text-xs">
      {messages.errors.map((m) => (
        <li key={`e-${m}`} className="flex gap-1 text-red-700">
          <span aria-hidden="true">●</span>
          <span>{m}</span>
        </li>
      ))}
      {messages.warnings.map((m) => (
        <li key={`w-${m}`} className="flex gap-1 text-amber-700">
          <span aria-hidden="true">▲</span>
          <span>{m}</span>
        </li>
      ))}
    </ul>
  );
}
