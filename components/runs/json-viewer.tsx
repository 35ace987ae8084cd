'use client';
// A collapsible JSON tree for step inputs and outputs. Every value is rendered as React text
// (never HTML): outputs come from Defender alerts and the flow, so they are untrusted. Big
// arrays and objects show their first entries and say how many more there are.
import { useState } from 'react';
import { Icon } from '../ui/icon';

/** Entries shown per object or array level before "… N more". */
const MAX_ENTRIES = 100;
/** Long strings are clipped to this many characters until expanded. */
const MAX_STRING = 400;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isContainer(v: unknown): v is Json[] | Record<string, Json> {
  return v !== null && typeof v === 'object';
}

function summary(v: Json[] | Record<string, Json>): string {
  if (Array.isArray(v)) return v.length === 1 ? '1 item' : `${v.length} items`;
  const n = Object.keys(v).length;
  return n === 1 ? '1 key' : `${n} keys`;
}

function StringValue({ value }: { value: string }) {
  const [full, setFull] = useState(false);
  const clipped = !full && value.length > MAX_STRING;
  return (
    <span className="break-all whitespace-pre-wrap text-emerald-300">
      &quot;{clipped ? value.slice(0, MAX_STRING) : value}
      {clipped && (
        <button type="button" onClick={() => setFull(true)} className="mx-1 rounded bg-slate-800 px-1 text-[10px] text-slate-300 hover:bg-slate-700">
          +{value.length - MAX_STRING} chars
        </button>
      )}
      &quot;
    </span>
  );
}

function Primitive({ value }: { value: Json }) {
  if (value === null) return <span className="text-slate-500">null</span>;
  if (typeof value === 'string') return <StringValue value={value} />;
  if (typeof value === 'number') return <span className="text-sky-300">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="text-amber-300">{String(value)}</span>;
  return <span className="text-slate-300">{String(value)}</span>;
}

function Node({ name, value, depth, openDepth }: { name?: string; value: Json; depth: number; openDepth: number }) {
  const [open, setOpen] = useState(depth < openDepth);
  const label = name !== undefined && <span className="text-indigo-300">{name}: </span>;
  if (!isContainer(value)) {
    return (
      <div className="pl-4">
        {label}
        <Primitive value={value} />
      </div>
    );
  }
  const entries: [string, Json][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const [openBr, closeBr] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div className="pl-4">
        {label}
        <span className="text-slate-400">{openBr + closeBr}</span>
      </div>
    );
  }
  return (
    <div className="pl-4">
      <button
        type="button"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        className="-ml-4 inline-flex items-center rounded text-left hover:bg-slate-800/80"
        data-testid="json-toggle"
      >
        <Icon name="chevron-right" className={`h-3 w-3 text-slate-500 transition-transform ${open ? 'rotate-90' : ''}`} />
        <span className="ml-1">
          {label}
          <span className="text-slate-400">{openBr}</span>
          {!open && <span className="mx-1 text-slate-500 italic">{summary(value)}</span>}
          {!open && <span className="text-slate-400">{closeBr}</span>}
        </span>
      </button>
      {open && (
        <>
          {entries.slice(0, MAX_ENTRIES).map(([k, v]) => (
            <Node key={k} name={Array.isArray(value) ? undefined : k} value={v} depth={depth + 1} openDepth={openDepth} />
          ))}
          {entries.length > MAX_ENTRIES && <div className="pl-4 text-slate-500 italic">… {entries.length - MAX_ENTRIES} more</div>}
          <div className="text-slate-400">{closeBr}</div>
        </>
      )}
    </div>
  );
}

export function JsonViewer({ value, title, openDepth = 2, testId }: { value: unknown; title: string; openDepth?: number; testId?: string }) {
  const [copied, setCopied] = useState(false);
  const json = value === undefined ? null : (JSON.parse(JSON.stringify(value) ?? 'null') as Json);
  const copy = () => {
    void navigator.clipboard?.writeText(JSON.stringify(json, null, 2)).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };
  return (
    <section className="min-w-0" data-testid={testId} aria-label={title}>
      <div className="mb-1.5 flex items-center justify-between">
        <h4 className="text-xs font-medium tracking-wide text-slate-500 uppercase">{title}</h4>
        {json !== null && (
          <button type="button" onClick={copy} className="inline-flex items-center gap-1 text-xs text-slate-500 hover:text-slate-700">
            <Icon name={copied ? 'check-circle' : 'copy'} className="h-3.5 w-3.5" />
            {copied ? 'Copied' : 'Copy'}
          </button>
        )}
      </div>
      <div className="max-h-96 overflow-auto rounded-md border border-slate-800 bg-slate-950 py-2 pr-3 font-mono text-xs leading-relaxed text-slate-100">
        {json === null ? <div className="pl-4 text-slate-500">null</div> : <Node value={json} depth={0} openDepth={openDepth} />}
      </div>
    </section>
  );
}
