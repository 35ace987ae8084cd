// The checker's issues for the selected node, at the top of the inspector (C.11: each issue
// with what to do). Colour AND a word, so severity is readable without colour vision.
import type { FlowIssue } from '@/core/flow/issues';

export function IssueList({ issues }: { issues: FlowIssue[] }) {
  if (issues.length === 0) return null;
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  return (
    <section aria-label="Problems with this step" className="space-y-1.5">
      {[...errors, ...warnings].map((issue, i) => {
        const isError = issue.severity === 'error';
        return (
          <p
            key={`${issue.code}-${i}`}
            className={`flex gap-2 rounded-md border px-2.5 py-1.5 text-xs ${
              isError ? 'border-red-200 bg-red-50 text-red-800' : 'border-amber-200 bg-amber-50 text-amber-900'
            }`}
          >
            <span className={`shrink-0 font-semibold ${isError ? 'text-red-700' : 'text-amber-700'}`}>{isError ? 'Error' : 'Warning'}</span>
            <span>{issue.message}</span>
          </p>
        );
      })}
    </section>
  );
}
