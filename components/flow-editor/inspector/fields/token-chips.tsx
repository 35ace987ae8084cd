// A template string rendered as text plus readable token chips. Built from parsed parts as
// React elements (never HTML), so alert data can never inject markup.
import { InspectorIcon } from '../icons';
import type { TextPart } from '../token-text';

export function TokenChip({ label, ok, problem }: { label: string; ok: boolean; problem?: string }) {
  return (
    <span
      title={problem}
      className={`mx-px inline rounded px-1 py-px text-[13px] font-medium whitespace-nowrap ring-1 ring-inset [box-decoration-break:clone] ${
        ok ? 'bg-indigo-50 text-indigo-700 ring-indigo-200' : 'bg-red-50 text-red-700 ring-red-300'
      }`}
    >
      <InspectorIcon name={ok ? 'bolt' : 'alert'} className="mr-0.5 -mt-px inline h-3 w-3" />
      {label}
    </span>
  );
}

export function TokenChips({ parts }: { parts: TextPart[] }) {
  return (
    <>
      {parts.map((part, i) =>
        part.kind === 'text' ? (
          <span key={i}>{part.text}</span>
        ) : (
          <TokenChip key={i} label={part.label} ok={part.state === 'ok'} problem={part.problem} />
        ),
      )}
    </>
  );
}
