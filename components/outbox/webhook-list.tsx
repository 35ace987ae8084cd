// Captured webhook posts (Teams cards, Slack messages), newest first. Shown as text: a summary of
// the card's texts and facts, then the raw JSON. Alert data in them never becomes markup.
import { Badge } from '../ui/badge';
import { Card } from '../ui/page-header';
import { RelativeTime } from '../ui/time';
import { formatUtc } from '../ui/format';
import { safeLink, summariseWebhook } from './webhook-summary';

export interface WebhookView {
  id: string;
  receivedAt: string;
  service: string;
  path: string;
  body: string;
}

const SERVICE_LABEL: Record<string, string> = { teams: 'Microsoft Teams', slack: 'Slack', generic: 'Webhook' };

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export function WebhookList({ posts, now }: { posts: WebhookView[]; now: number }) {
  return (
    <ul className="space-y-4">
      {posts.map((p) => {
        const summary = summariseWebhook(p.service, p.body);
        return (
          <li key={p.id} data-testid="webhook-post">
            <Card>
              <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-5 py-3">
                <div className="min-w-0">
                  <h2 className="text-sm font-semibold break-words text-slate-900" data-testid="webhook-title">
                    {summary?.title ?? '(no title)'}
                  </h2>
                  <p className="mt-1 truncate font-mono text-xs text-slate-500">{p.path}</p>
                </div>
                <div className="flex shrink-0 flex-col items-end gap-1 text-xs text-slate-500">
                  <Badge tone={p.service === 'teams' ? 'indigo' : p.service === 'slack' ? 'green' : 'slate'}>{SERVICE_LABEL[p.service] ?? p.service}</Badge>
                  <span title={formatUtc(p.receivedAt)}>
                    <RelativeTime iso={p.receivedAt} now={now} />
                  </span>
                </div>
              </div>
              {summary && (
                <div className="space-y-2 px-5 py-4 text-sm text-slate-700">
                  {summary.lines.map((line, i) => (
                    <p key={i} className="break-words whitespace-pre-wrap">
                      {line}
                    </p>
                  ))}
                  {summary.facts.length > 0 && (
                    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs" data-testid="webhook-facts">
                      {summary.facts.map((f, i) => (
                        <div key={i} className="contents">
                          <dt className="font-medium text-slate-500">{f.name}</dt>
                          <dd className="break-words text-slate-800">{f.value}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                  {summary.links.length > 0 && (
                    <div className="flex flex-wrap gap-2 pt-1">
                      {summary.links.map((l, i) => {
                        const href = safeLink(l.url);
                        return href ? (
                          <a key={i} href={href} target="_blank" rel="noopener noreferrer" className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50">
                            {l.title}
                          </a>
                        ) : (
                          <span key={i} className="text-xs text-slate-500">{l.title}</span>
                        );
                      })}
                    </div>
                  )}
                </div>
              )}
              <details className="border-t border-slate-100 px-5 py-2">
                <summary className="cursor-pointer text-xs font-medium text-slate-500 select-none">Raw payload</summary>
                <pre className="mt-2 max-h-72 overflow-auto font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-700">{pretty(p.body)}</pre>
              </details>
            </Card>
          </li>
        );
      })}
    </ul>
  );
}
