'use client';
// The list of dynamic content, grouped by step, shared by the picker and `{{` autocomplete.
// Sample values come from Defender alerts: they are rendered as text only. In a floating panel
// with less room than max-h-72 the list shrinks (min-h-0) and scrolls.
import { useEffect } from 'react';
import type { TokenGroup, TokenOption } from '../token-options';

export function optionId(listId: string, index: number): string {
  return `${listId}-opt-${index}`;
}

interface TokenListProps {
  listId: string;
  groups: TokenGroup[];
  active: number;
  emptyText: string;
  onPick(option: TokenOption): void;
  onActive(index: number): void;
}

export function TokenList({ listId, groups, active, emptyText, onPick, onActive }: TokenListProps) {
  useEffect(() => {
    document.getElementById(optionId(listId, active))?.scrollIntoView({ block: 'nearest' });
  }, [listId, active]);

  if (groups.length === 0) {
    return <p className="px-3 py-4 text-center text-xs text-slate-500">{emptyText}</p>;
  }
  let index = -1;
  return (
    <ul id={listId} role="listbox" aria-label="Dynamic content" className="max-h-72 min-h-0 overflow-y-auto py-1">
      {groups.map((group) => (
        <li key={group.nodeId} role="presentation">
          <div role="presentation" className="sticky top-0 z-10 flex items-baseline justify-between gap-2 border-y border-slate-100 bg-slate-50 px-3 py-1">
            <span className="truncate text-xs font-semibold text-slate-700">{group.nodeLabel}</span>
            {group.nodeTitle !== group.nodeLabel && <span className="truncate text-[11px] text-slate-400">{group.nodeTitle}</span>}
          </div>
          <ul role="group" aria-label={group.nodeLabel}>
            {group.fields.map((field) => {
              index += 1;
              const i = index;
              const selected = i === active;
              return (
                <li
                  key={field.token}
                  id={optionId(listId, i)}
                  role="option"
                  aria-selected={selected}
                  // Keep focus in the text field so the caret (and autocomplete) survive the click.
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseEnter={() => onActive(i)}
                  onClick={() => onPick(field)}
                  className={`cursor-pointer px-3 py-1.5 ${selected ? 'bg-indigo-50' : 'hover:bg-slate-50'}`}
                >
                  <div className="flex items-center justify-between gap-2">
                    <span className={`truncate text-sm font-medium ${selected ? 'text-indigo-800' : 'text-slate-800'}`}>{field.label}</span>
                    <span className="shrink-0 rounded bg-slate-100 px-1.5 py-px text-[10px] font-medium tracking-wide text-slate-500 uppercase">
                      {field.type}
                    </span>
                  </div>
                  <div className="flex min-w-0 items-baseline gap-2 text-[11px]">
                    <span className="shrink-0 font-mono text-slate-400">{field.path}</span>
                    {field.sample !== undefined && (
                      <span className="truncate text-slate-600" title={field.sample}>
                        e.g. {field.sample}
                      </span>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ul>
  );
}
