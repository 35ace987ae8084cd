// The API reference, rendered on the server from the OpenAPI document: no third-party script, no
// eval and no remote assets, so it works under the app's nonce-based CSP. Schemas are plain text
// in <details> so the page stays readable and needs no client JavaScript.
import { PageHeader } from '@/components/ui/page-header';
import type { ApiReferenceArea, ApiReferenceOperation } from './types';

const METHOD_STYLE: Record<ApiReferenceOperation['method'], string> = {
  GET: 'bg-sky-100 text-sky-800 ring-sky-200',
  POST: 'bg-emerald-100 text-emerald-800 ring-emerald-200',
  PUT: 'bg-amber-100 text-amber-800 ring-amber-200',
  PATCH: 'bg-violet-100 text-violet-800 ring-violet-200',
  DELETE: 'bg-rose-100 text-rose-800 ring-rose-200',
};

function MethodBadge({ method }: { method: ApiReferenceOperation['method'] }) {
  return <span className={`inline-flex w-16 justify-center rounded px-1.5 py-0.5 font-mono text-xs font-semibold ring-1 ring-inset ${METHOD_STYLE[method]}`}>{method}</span>;
}

function Code({ children }: { children: string }) {
  return <pre className="mt-2 max-h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">{children}</pre>;
}

/** Descriptions mark code with `backticks` (as in the OpenAPI text): shown as code, as text only. */
function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.8125rem] text-slate-800">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

const SUMMARY = 'cursor-pointer font-medium text-slate-600 marker:text-slate-400 hover:text-slate-900';

function Operation({ op }: { op: ApiReferenceOperation }) {
  return (
    <article id={op.id} className="border-t border-slate-100 px-5 py-4 first:border-t-0" data-testid="api-operation">
      <header className="flex flex-wrap items-center gap-3">
        <MethodBadge method={op.method} />
        <code className="font-mono text-sm text-slate-900">{op.path}</code>
        <span className="text-sm text-slate-600">{op.summary}</span>
        <span className="ml-auto rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{op.access}</span>
      </header>
      {op.description && (
        <p className="mt-2 max-w-4xl text-sm text-slate-600">
          <Prose text={op.description} />
        </p>
      )}
      {op.parameters.length > 0 && (
        // Fixed columns, so every operation's parameters line up the same way.
        <table className="mt-3 w-full table-fixed text-left text-xs">
          <colgroup>
            <col className="w-44" />
            <col className="w-20" />
            <col />
          </colgroup>
          <thead className="text-slate-500">
            <tr>
              <th className="py-1 pr-3 font-medium">Parameter</th>
              <th className="py-1 pr-3 font-medium">In</th>
              <th className="py-1 font-medium">Schema</th>
            </tr>
          </thead>
          <tbody className="font-mono text-slate-700">
            {op.parameters.map((p) => (
              <tr key={`${p.in}-${p.name}`} className="border-t border-slate-100 align-top">
                <td className="truncate py-1 pr-3" title={p.name}>
                  {p.name}
                  {p.required && <span className="text-rose-600">*</span>}
                </td>
                <td className="py-1 pr-3 text-slate-500">{p.in}</td>
                <td className="py-1 wrap-break-word">{p.type}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="mt-3 grid gap-1.5 text-sm">
        {op.body && (
          <details>
            <summary className={SUMMARY}>Request body (JSON Schema)</summary>
            <Code>{op.body}</Code>
          </details>
        )}
        <details>
          <summary className={SUMMARY}>Responses: {op.responses.map((r) => r.status).join(', ')}</summary>
          <ul className="mt-2 space-y-2">
            {op.responses.map((r) => (
              <li key={r.status}>
                <span className={`font-mono text-xs font-semibold ${Number(r.status) < 400 ? 'text-emerald-700' : 'text-rose-700'}`}>{r.status}</span>{' '}
                <span className="text-slate-600">{r.description}</span>
                {r.schema && <Code>{r.schema}</Code>}
              </li>
            ))}
          </ul>
        </details>
        <details>
          <summary className={SUMMARY}>Example</summary>
          <Code>{op.curl}</Code>
        </details>
      </div>
    </article>
  );
}

export function ApiReference({ areas, components, version }: { areas: ApiReferenceArea[]; components: { name: string; schema: string }[]; version: string }) {
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            Riposte REST API {version}. Authenticate with <code className="font-mono">Authorization: Bearer &lt;token&gt;</code> (create one under Account → API tokens or with{' '}
            <code className="font-mono">npx riposte create-token</code>). Errors are <code className="font-mono">{'{ "error": { "code", "message", "details"? } }'}</code>. The machine-readable
            document is at{' '}
            <a className="text-sky-700 underline" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>
            .
          </>
        }
      />
      <nav className="mb-6 flex flex-wrap gap-2 text-sm" aria-label="API areas">
        {areas.map((a) => (
          <a key={a.tag} href={`#${a.tag.toLowerCase()}`} className="rounded-full border border-slate-200 bg-white px-3 py-1 text-slate-700 hover:bg-slate-50">
            {a.tag} <span className="text-slate-400">{a.operations.length}</span>
          </a>
        ))}
        <a href="#schemas" className="rounded-full border border-slate-200 bg-white px-3 py-1 text-slate-700 hover:bg-slate-50">
          Schemas <span className="text-slate-400">{components.length}</span>
        </a>
      </nav>
      <div className="space-y-6">
        {areas.map((area) => (
          <section key={area.tag} id={area.tag.toLowerCase()} className="rounded-xl border border-slate-200 bg-white shadow-xs">
            <header className="border-b border-slate-200 px-5 py-3">
              <h2 className="text-base font-semibold text-slate-900">{area.tag}</h2>
              <p className="text-sm text-slate-500">{area.description}</p>
            </header>
            {area.operations.map((op) => (
              <Operation key={op.id} op={op} />
            ))}
          </section>
        ))}
        <section id="schemas" className="rounded-xl border border-slate-200 bg-white shadow-xs">
          <header className="border-b border-slate-200 px-5 py-3">
            <h2 className="text-base font-semibold text-slate-900">Schemas</h2>
            <p className="text-sm text-slate-500">Shared shapes the operations refer to (#/components/schemas/…).</p>
          </header>
          <div className="divide-y divide-slate-100">
            {components.map((c) => (
              <details key={c.name} id={`schema-${c.name}`} className="px-5 py-3">
                <summary className={`${SUMMARY} font-mono`}>{c.name}</summary>
                <Code>{c.schema}</Code>
              </details>
            ))}
          </div>
        </section>
      </div>
    </>
  );
}
