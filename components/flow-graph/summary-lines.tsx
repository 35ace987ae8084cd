// The short param summary under a step's title, shared by the designer and the read-only graph.
export function SummaryLines({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <div className="mt-1.5 space-y-0.5 border-t border-slate-100 pt-1.5">
      {lines.map((line, i) => (
        <p key={i} className="truncate font-mono text-[11px] text-slate-500" title={line}>
          {line}
        </p>
      ))}
    </div>
  );
}
