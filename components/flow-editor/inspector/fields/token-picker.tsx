'use client';
// "Insert dynamic content" (Power Automate's lightning bolt, C.1): a searchable popover of the
// upstream steps' outputs. Choosing one hands the token to the field, which inserts it at the caret.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { InspectorIcon } from '../icons';
import { filterTokenOptions, flattenTokenOptions, type TokenGroup } from '../token-options';
import { optionId, TokenList } from './token-list';
import { useAnchoredPanel } from './use-anchored-panel';

interface TokenPickerProps {
  groups: TokenGroup[];
  onPick(token: string): void;
  disabled?: boolean;
  /** Placement of the button (e.g. absolute inside the field); the panel is a sibling. */
  buttonClassName?: string;
}

/**
 * The button sits wherever the field puts it. The panel floats (position: fixed) against the
 * field, the button's nearest `relative` ancestor: it spans the field, is never narrower than a
 * readable list, and opens above the field when there is no room below. It stays a sibling in the
 * DOM (focus order, and the field's tests can find it), but no ancestor's overflow clips it.
 */
export function TokenPicker({ groups, onPick, disabled = false, buttonClassName = '' }: TokenPickerProps) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const listId = useId();
  const filtered = useMemo(() => filterTokenOptions(groups, query), [groups, query]);
  const options = useMemo(() => flattenTokenOptions(filtered), [filtered]);
  const panelStyle = useAnchoredPanel(open, buttonRef);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      const target = e.target as Node;
      if (panelRef.current?.contains(target) || buttonRef.current?.contains(target)) return;
      setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const choose = (token: string) => {
    setOpen(false);
    onPick(token);
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-label="Insert dynamic content"
        title="Insert dynamic content"
        aria-haspopup="dialog"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => {
          setQuery('');
          setActive(0);
          setOpen((o) => !o);
        }}
        className={`${buttonClassName} inline-flex h-6 w-6 items-center justify-center rounded text-indigo-500 hover:bg-indigo-50 hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-600 ${open ? 'bg-indigo-50 text-indigo-700' : ''}`}
      >
        <InspectorIcon name="bolt" />
      </button>
      {open && (
        <div
          ref={panelRef}
          role="dialog"
          aria-label="Dynamic content"
          style={panelStyle}
          className="fixed z-50 flex flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-lg ring-1 ring-slate-900/5"
        >
          <div className="flex shrink-0 items-center gap-2 border-b border-slate-100 px-3 py-2">
            <InspectorIcon name="search" className="h-3.5 w-3.5 text-slate-400" />
            <input
              autoFocus
              type="search"
              aria-label="Search dynamic content"
              placeholder="Search outputs of earlier steps"
              value={query}
              aria-controls={listId}
              aria-activedescendant={options.length > 0 ? optionId(listId, active) : undefined}
              onChange={(e) => {
                setQuery(e.target.value);
                setActive(0);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  e.stopPropagation();
                  close(true);
                } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && options.length > 0) {
                  e.preventDefault();
                  const step = e.key === 'ArrowDown' ? 1 : -1;
                  setActive((i) => (i + step + options.length) % options.length);
                } else if (e.key === 'Enter' && options.length > 0) {
                  e.preventDefault();
                  choose(options[Math.min(active, options.length - 1)].token);
                }
              }}
              className="w-full border-0 bg-transparent p-0 text-sm text-slate-900 placeholder:text-slate-400 focus:ring-0 focus:outline-none"
            />
          </div>
          <TokenList
            listId={listId}
            groups={filtered}
            active={active}
            onActive={setActive}
            onPick={(option) => choose(option.token)}
            emptyText={groups.length === 0 ? 'No earlier steps yet: connect this step after the trigger.' : `Nothing matches "${query}".`}
          />
        </div>
      )}
    </>
  );
}
