'use client';
// The step palette: every catalog entry, grouped by connector, searchable. Drag an entry onto
// the canvas, or press Enter / click to add it to the right of the selection.
import { useMemo, useState, type DragEvent } from 'react';
import type { NodeTypeDef } from '@/core/catalog';
import { addNodeNearSelection } from './commands';
import { DND_TYPE } from './canvas/dnd';
import { catalogGroups } from './model/catalog-list';
import { hasTrigger } from './model/edit-ops';
import { useEditorStore, useEditorStoreApi } from './store';
import { EditorIcon } from './icons';

const ACCENT: Record<NodeTypeDef['kind'], string> = {
  trigger: 'bg-amber-100 text-amber-700',
  action: 'bg-indigo-100 text-indigo-700',
  condition: 'bg-violet-100 text-violet-700',
  control: 'bg-teal-100 text-teal-700',
};

export function Palette({ onCollapse }: { onCollapse(): void }) {
  const api = useEditorStoreApi();
  const [query, setQuery] = useState('');
  const groups = useMemo(() => catalogGroups(query), [query]);
  const triggerTaken = useEditorStore((s) => hasTrigger(s.graph));

  return (
    <aside aria-label="Steps" className="flex w-60 shrink-0 flex-col border-r border-slate-200 bg-white">
      <div className="flex items-center justify-between px-3 pt-3 pb-2">
        <h2 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Steps</h2>
        <button type="button" onClick={onCollapse} aria-label="Hide steps panel" title="Hide steps panel" className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700">
          <EditorIcon name="panel-left" className="h-4 w-4" />
        </button>
      </div>
      <div className="px-3 pb-2">
        <label className="flex items-center gap-2 rounded-md border border-slate-300 bg-white px-2 focus-within:border-indigo-500 focus-within:ring-2 focus-within:ring-indigo-500/20">
          <EditorIcon name="search" className="h-3.5 w-3.5 text-slate-400" />
          <input
            data-testid="palette-search"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Search steps"
            aria-label="Search steps"
            className="w-full bg-transparent py-1.5 text-sm outline-none placeholder:text-slate-400"
          />
        </label>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-2 pb-3">
        {groups.length === 0 && <p className="px-2 py-6 text-center text-sm text-slate-500">No step matches “{query}”.</p>}
        {groups.map((g) => (
          <section key={g.category} aria-label={g.category} className="mt-2">
            <h3 className="px-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">{g.category}</h3>
            <ul className="space-y-0.5">
              {g.items.map((def) => (
                <li key={def.type}>
                  <PaletteItem def={def} disabledReason={def.kind === 'trigger' && triggerTaken ? 'This flow already has a trigger' : null} onAdd={() => addNodeNearSelection(api, def.type)} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <p className="border-t border-slate-100 px-3 py-2 text-[11px] leading-snug text-slate-400">Drag onto the canvas, or press Enter to add after the selected step.</p>
    </aside>
  );
}

function PaletteItem({ def, disabledReason, onAdd }: { def: NodeTypeDef; disabledReason: string | null; onAdd(): void }) {
  const disabled = disabledReason !== null;
  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(DND_TYPE, def.type);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <button
      type="button"
      data-testid={`palette-item-${def.type}`}
      aria-label={def.title}
      aria-description={disabledReason ?? def.description}
      title={disabledReason ?? def.description}
      disabled={disabled}
      draggable={!disabled}
      onDragStart={onDragStart}
      onClick={onAdd}
      className="group flex w-full cursor-grab items-center gap-2.5 rounded-md px-2 py-1.5 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 active:cursor-grabbing disabled:cursor-not-allowed disabled:opacity-50 disabled:hover:bg-transparent"
    >
      <span className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-md ${ACCENT[def.kind]}`}>
        <EditorIcon name={def.icon} className="h-4 w-4" />
      </span>
      <span className="min-w-0">
        <span className="block truncate text-sm font-medium text-slate-800">{def.title}</span>
        {disabled && <span className="block truncate text-[11px] text-slate-500">{disabledReason}</span>}
      </span>
    </button>
  );
}
