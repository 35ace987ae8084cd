'use client';
/**
 * A text (or multi-line) field that understands tokens. The real <input>/<textarea> is always
 * there (labelled, fillable, native undo); while it is not focused, its text is made transparent
 * and the same value is drawn on top as text + readable chips ("Get alert › Severity"). Focusing
 * shows the plain template, where `{{` opens autocomplete.
 */
import { useMemo, type KeyboardEvent } from 'react';
import { hasToken } from '@/core/tokens/parse';
import { borderClass, inputClass } from '../styles';
import type { TokenGroup } from '../token-options';
import { textParts, type TokenContext } from '../token-text';
import { TokenChips } from './token-chips';
import { optionId, TokenList } from './token-list';
import { TokenPicker } from './token-picker';
import { useAnchoredPanel } from './use-anchored-panel';
import { useTokenEditor } from './use-token-editor';

export interface TokenEnv {
  groups: TokenGroup[];
  ctx: TokenContext;
}

interface TokenTextFieldProps {
  id: string;
  value: string;
  onChange(next: string): void;
  onBlur?(): void;
  env: TokenEnv;
  multiline?: boolean;
  readOnly: boolean;
  invalid?: boolean;
  required?: boolean;
  describedBy?: string;
  placeholder?: string;
  /** For fields without a visible <label> (condition operands). */
  ariaLabel?: string;
}

const MIN_ROWS = 3;
const MAX_ROWS = 12;

export function TokenTextField(props: TokenTextFieldProps) {
  const { id, value, onChange, env, multiline = false, readOnly, invalid = false } = props;
  // Both element types share the hook; the ref is narrowed where it is attached.
  const editor = useTokenEditor<HTMLInputElement & HTMLTextAreaElement>(value, onChange, env.groups);
  const parts = useMemo(() => textParts(value, env.ctx), [value, env.ctx]);
  const showChips = !editor.focused && hasToken(value);
  const rows = multiline ? Math.min(MAX_ROWS, Math.max(MIN_ROWS, value.split('\n').length + 1)) : undefined;
  const auto = editor.auto;
  const autoStyle = useAnchoredPanel(auto !== null, editor.ref);

  const common = {
    id,
    value,
    readOnly,
    placeholder: props.placeholder,
    'aria-label': props.ariaLabel,
    'aria-invalid': invalid || undefined,
    'aria-required': props.required || undefined,
    'aria-describedby': props.describedBy,
    'aria-autocomplete': 'list' as const,
    'aria-controls': auto !== null ? auto.listId : undefined,
    'aria-activedescendant': auto !== null && auto.options.length > 0 ? optionId(auto.listId, auto.active) : undefined,
    spellCheck: false,
    ...editor.handlers,
    onBlur: () => {
      editor.handlers.onBlur();
      props.onBlur?.();
    },
    onKeyDown: (e: KeyboardEvent<HTMLInputElement & HTMLTextAreaElement>) => {
      editor.handleKeyDown(e);
    },
    className: `${inputClass} ${borderClass(invalid)} pr-9 ${multiline ? 'resize-y leading-6' : ''} ${
      showChips ? 'text-transparent caret-transparent selection:bg-transparent' : ''
    }`,
  };

  return (
    <div className="relative">
      {multiline ? <textarea ref={editor.ref} rows={rows} {...common} /> : <input ref={editor.ref} type="text" autoComplete="off" {...common} />}
      {showChips && (
        // Decoration only: clicks fall through to the field underneath; the field holds the value.
        <div
          aria-hidden="true"
          className={`pointer-events-none absolute inset-0 overflow-hidden rounded-md border border-transparent px-3 py-2 pr-9 text-sm text-slate-900 ${
            multiline ? 'leading-6 break-words whitespace-pre-wrap' : 'truncate whitespace-pre'
          }`}
        >
          <TokenChips parts={parts} />
        </div>
      )}
      {!readOnly && <TokenPicker groups={env.groups} onPick={editor.insert} buttonClassName="absolute top-1.5 right-1.5" />}
      {auto !== null && (
        <div style={autoStyle} className="fixed z-50 flex flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-lg ring-1 ring-slate-900/5">
          <p className="shrink-0 border-b border-slate-100 px-3 py-1.5 text-[11px] text-slate-500">
            Dynamic content{auto.options.length > 0 ? ' · ↑↓ to move, Enter to insert, Esc to close' : ''}
          </p>
          <TokenList
            listId={auto.listId}
            groups={auto.groups}
            active={auto.active}
            onActive={editor.setActive}
            onPick={editor.pick}
            emptyText={env.groups.length === 0 ? 'No earlier steps yet: connect this step after the trigger.' : 'No output matches what you typed.'}
          />
        </div>
      )}
    </div>
  );
}
