'use client';
/**
 * Recipients as chips: one per address (or token), removable; type an address and press Enter,
 * comma or semicolon (Outlook's separators) to add it. Stored in the shape the catalog accepts
 * and the flow already used ("a; b" text, or a list).
 */
import { useMemo, useState, type KeyboardEvent } from 'react';
import { z } from 'zod';
import { hasToken } from '@/core/tokens/parse';
import { listToRecipients, recipientsToList } from '../field-validation';
import { InspectorIcon } from '../icons';
import { borderClass } from '../styles';
import { textParts } from '../token-text';
import { TokenChip } from './token-chips';
import { optionId, TokenList } from './token-list';
import { TokenPicker } from './token-picker';
import { useAnchoredPanel } from './use-anchored-panel';
import type { TokenEnv } from './token-text-field';
import { useTokenEditor } from './use-token-editor';

const ZEmail = z.email();

interface RecipientsFieldProps {
  id: string;
  value: unknown;
  env: TokenEnv;
  readOnly: boolean;
  invalid: boolean;
  required: boolean;
  describedBy?: string;
  onChange(next: string | string[]): void;
  /** Called with the value after any pending text was added. */
  onBlur(value: unknown): void;
}

export function RecipientsField(props: RecipientsFieldProps) {
  const { value, env } = props;
  const list = useMemo(() => recipientsToList(value), [value]);
  const [draft, setDraft] = useState('');
  const editor = useTokenEditor<HTMLInputElement>(draft, setDraft, env.groups);

  const commit = (text: string): unknown => {
    const added = recipientsToList(text);
    if (added.length === 0) return value;
    const next = listToRecipients([...list, ...added], value);
    props.onChange(next);
    setDraft('');
    return next;
  };

  const remove = (index: number) => props.onChange(listToRecipients(list.filter((_, i) => i !== index), value));

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (editor.handleKeyDown(e)) return;
    if (e.key === 'Enter' || e.key === ',' || e.key === ';') {
      if (draft.trim() === '') return;
      e.preventDefault();
      commit(draft);
    } else if (e.key === 'Backspace' && draft === '' && list.length > 0) {
      remove(list.length - 1);
    }
  };

  const auto = editor.auto;
  const autoStyle = useAnchoredPanel(auto !== null, editor.ref);
  return (
    <div className="relative">
      <div
        className={`flex min-h-[38px] flex-wrap items-center gap-1 rounded-md border bg-white py-1 pr-9 pl-1.5 shadow-xs focus-within:ring-2 ${borderClass(props.invalid)} ${
          props.invalid ? 'focus-within:border-red-500' : 'focus-within:border-indigo-500'
        } ${props.readOnly ? 'bg-slate-50' : ''}`}
      >
        <ul className="contents" aria-label="Recipients">
          {list.map((item, i) => {
            const token = hasToken(item);
            const part = token ? textParts(item, env.ctx).find((p) => p.kind === 'token') : undefined;
            const label = part !== undefined && part.kind === 'token' ? part.label : item;
            const ok = token ? part?.kind === 'token' && part.state === 'ok' : ZEmail.safeParse(item).success;
            return (
              <li key={`${i}-${item}`} className="inline-flex max-w-full items-center">
                {token ? (
                  <TokenChip label={label} ok={ok} />
                ) : (
                  <span
                    className={`truncate rounded px-1.5 py-px text-[13px] ring-1 ring-inset ${
                      ok ? 'bg-slate-100 text-slate-800 ring-slate-200' : 'bg-red-50 text-red-700 ring-red-300'
                    }`}
                  >
                    {item}
                  </span>
                )}
                {!props.readOnly && (
                  <button
                    type="button"
                    aria-label={`Remove ${label}`}
                    onClick={() => remove(i)}
                    className="ml-0.5 rounded p-0.5 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
                  >
                    <InspectorIcon name="x" className="h-3 w-3" />
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        <input
          ref={editor.ref}
          id={props.id}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={draft}
          readOnly={props.readOnly}
          placeholder={list.length === 0 ? 'name@example.com' : 'Add another'}
          aria-invalid={props.invalid || undefined}
          aria-required={props.required || undefined}
          aria-describedby={props.describedBy}
          aria-autocomplete="list"
          aria-controls={auto !== null ? auto.listId : undefined}
          aria-activedescendant={auto !== null && auto.options.length > 0 ? optionId(auto.listId, auto.active) : undefined}
          {...editor.handlers}
          onKeyDown={onKeyDown}
          onBlur={() => {
            editor.handlers.onBlur();
            props.onBlur(commit(draft));
          }}
          className="min-w-[8rem] flex-1 border-0 bg-transparent px-1 py-1 text-sm text-slate-900 placeholder:text-slate-400 focus:ring-0 focus:outline-none"
        />
      </div>
      {!props.readOnly && (
        <TokenPicker groups={env.groups} onPick={(token) => commit(token)} buttonClassName="absolute top-1.5 right-1.5" />
      )}
      {auto !== null && (
        <div style={autoStyle} className="fixed z-50 flex flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-lg ring-1 ring-slate-900/5">
          <TokenList
            listId={auto.listId}
            groups={auto.groups}
            active={auto.active}
            onActive={editor.setActive}
            onPick={editor.pick}
            emptyText="No output matches what you typed."
          />
        </div>
      )}
    </div>
  );
}
