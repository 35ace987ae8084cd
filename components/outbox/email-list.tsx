// Captured emails, newest first. The body is plain text in <pre> (it may quote alert data); an
// HTML part is only ever shown sandboxed or as source text (email-body.tsx).
import { Badge } from '../ui/badge';
import { Card } from '../ui/page-header';
import { RelativeTime } from '../ui/time';
import { formatUtc } from '../ui/format';
import { EmailBody } from './email-body';

export interface EmailView {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  importance: string | null;
}

export function EmailList({ emails, now }: { emails: EmailView[]; now: number }) {
  return (
    <ul className="space-y-4">
      {emails.map((m) => (
        <li key={m.id} data-testid="email">
          <Card>
            <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-5 py-3">
              <div className="min-w-0">
                <h2 className="text-sm font-semibold break-words text-slate-900" data-testid="email-subject">
                  {m.subject || '(no subject)'}
                </h2>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-xs text-slate-500">
                  <dt>From</dt>
                  <dd className="truncate text-slate-700">{m.from}</dd>
                  <dt>To</dt>
                  <dd className="truncate text-slate-700">{m.to.join(', ')}</dd>
                </dl>
              </div>
              <div className="flex shrink-0 flex-col items-end gap-1 text-xs text-slate-500">
                {m.importance && m.importance !== 'normal' && (
                  <Badge tone={m.importance === 'high' ? 'red' : 'slate'}>{m.importance === 'high' ? 'High importance' : `${m.importance} importance`}</Badge>
                )}
                <span title={formatUtc(m.receivedAt)}>
                  <RelativeTime iso={m.receivedAt} now={now} />
                </span>
              </div>
            </div>
            <EmailBody text={m.text} html={m.html} />
          </Card>
        </li>
      ))}
    </ul>
  );
}
