// What later steps can use from this node: the catalog's output fields with their token.
import type { OutputField } from '@/core/catalog/types';
import { tokenFor } from './token-options';

const SHOWN = 6;

function Row({ nodeId, field }: { nodeId: string; field: OutputField }) {
  return (
    <li className="flex items-baseline justify-between gap-2 py-0.5">
      <span className="truncate text-slate-700">{field.label}</span>
      <code className="truncate font-mono text-[11px] text-slate-400">{tokenFor(nodeId, field.path)}</code>
    </li>
  );
}

export function OutputsList({ nodeId, fields }: { nodeId: string; fields: OutputField[] }) {
  if (fields.length === 0) return null;
  const rest = fields.slice(SHOWN);
  return (
    <section aria-labelledby={`outputs-${nodeId}`} className="space-y-1">
      <h3 id={`outputs-${nodeId}`} className="text-sm font-medium text-slate-700">
        Outputs
      </h3>
      <p className="text-xs text-slate-500">Later steps can insert these as dynamic content.</p>
      <ul className="text-xs">
        {fields.slice(0, SHOWN).map((f) => (
          <Row key={f.path} nodeId={nodeId} field={f} />
        ))}
      </ul>
      {rest.length > 0 && (
        <details className="text-xs">
          <summary className="cursor-pointer text-indigo-700 hover:text-indigo-600">Show {rest.length} more</summary>
          <ul>
            {rest.map((f) => (
              <Row key={f.path} nodeId={nodeId} field={f} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
