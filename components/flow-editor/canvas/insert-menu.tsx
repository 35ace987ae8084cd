'use client';
// The compact, searchable step menu opened by a "+" on a handle or an edge. Keyboard: type to
// filter, ↑/↓ to move, Enter to insert, Escape to close.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { catalogGroups } from '../model/catalog-list';
import { handleName } from '../model/connect-rules';
import { insertAt } from '../commands';
import { useEditorStore, useEditorStoreApi } from '../store';
import { EditorIcon } from '../icons';

const MENU_WIDTH = 288;
const MENU_MAX_HEIGHT = 360;

export function InsertMenu() {
  const api = useEditorStoreApi();
  const menu = useEditorStore((s) => s.menu);
  if (menu === null) return null;
  // Keyed by target so the search resets each time the menu opens somewhere else.
  const key = menu.kind === 'edge' ? `e:${menu.edgeId}` : `h:${menu.nodeId}:${menu.handle}`;
  return <MenuBody key={key} x={menu.x} y={menu.y} title={menu.kind === 'edge' ? 'Insert a step' : `Add after (${handleName(menu.handle)})`} onPick={(type) => insertAt(api, type)} onClose={() => api.getState().actions.openMenu(null)} />;
}

function MenuBody({ x, y, title, onPick, onClose }: { x: number; y: number; title: string; onPick(type: string): void; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  const groups = useMemo(() => catalogGroups(query, { includeTriggers: false }), [query]);
  const flat = useMemo(() => groups.flatMap((g) => g.items), [groups]);

  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', onDown, true);
    return () => window.removeEventListener('pointerdown', onDown, true);
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, flat.length - 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Enter' && flat[active]) onPick(flat[active].type);
    else return;
    e.preventDefault();
  };

  // Keep the menu inside the window.
  const left = Math.min(x, window.innerWidth - MENU_WIDTH - 8);
  const top = Math.max(8, Math.min(y, window.innerHeight - MENU_MAX_HEIGHT - 8));
  let index = -1;
  return (
    <div
      ref={ref}
      role="dialog"
      aria-label={title}
      data-testid="insert-menu"
      data-editor-overlay=""
      onKeyDown={onKeyDown}
      className="fixed z-50 flex flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xl ring-1 ring-slate-900/5"
      style={{ left, top, width: MENU_WIDTH, maxHeight: MENU_MAX_HEIGHT }}
    >
      <div className="border-b border-slate-100 p-2">
        <p className="px-1 pb-1.5 text-xs font-semibold text-slate-500">{title}</p>
        <label className="flex items-center gap-2 rounded-md border border-slate-300 px-2 focus-within:border-indigo-500 focus-within:ring-2 focus-within:ring-indigo-500/20">
          <EditorIcon name="search" className="h-3.5 w-3.5 text-slate-400" />
          <input
            autoFocus
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            placeholder="Search steps"
            aria-label="Search steps"
            className="w-full bg-transparent py-1.5 text-sm outline-none placeholder:text-slate-400"
          />
        </label>
      </div>
      <div role="listbox" aria-label="Steps" className="overflow-y-auto py-1">
        {groups.length === 0 && <p className="px-3 py-4 text-center text-sm text-slate-500">No step matches “{query}”.</p>}
        {groups.map((g) => (
          <div key={g.category} role="group" aria-label={g.category}>
            <p className="px-3 pt-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">{g.category}</p>
            {g.items.map((def) => {
              index += 1;
              const i = index;
              return (
                <button
                  key={def.type}
                  type="button"
                  role="option"
                  aria-selected={i === active}
                  aria-label={def.title}
                  data-testid={`insert-item-${def.type}`}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => onPick(def.type)}
                  className={`flex w-full items-center gap-2.5 px-3 py-1.5 text-left text-sm ${i === active ? 'bg-indigo-50 text-indigo-900' : 'text-slate-700'}`}
                >
                  <EditorIcon name={def.icon} className="h-4 w-4 shrink-0 text-slate-500" />
                  <span className="truncate">{def.title}</span>
                </button>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
