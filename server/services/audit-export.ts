// The audit log as JSON lines: one entry per line, newest first, every entry matching the
// filter. Read in keyset batches and pulled by the response stream, so memory holds one batch
// and a slow client slows the reads instead of filling the server. The export is audited first,
// so even an export abandoned half-way is on record.
import type { Principal } from '../auth/roles';
import { audit } from './audit';
import { auditEventBatches, parseAuditFilter, type AuditFilter } from './audit-query';

export interface AuditExport {
  stream: ReadableStream<Uint8Array>;
  filename: string;
}

/** The filter as it is recorded in the export's own audit entry (only the fields given). */
function recordedFilter(f: AuditFilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined) out[k] = v instanceof Date ? v.toISOString() : String(v);
  return out;
}

export async function exportAuditEvents(principal: Principal, query: unknown, opts: { batchSize?: number; now?: Date } = {}): Promise<AuditExport> {
  const filter = parseAuditFilter(query);
  const now = opts.now ?? new Date();
  await audit(principal, 'audit.export', { type: 'audit' }, { filter: recordedFilter(filter) });
  const batches = auditEventBatches(filter, { batchSize: opts.batchSize, now });
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map((entry) => `${JSON.stringify(entry)}\n`).join('')));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '');
  return { stream, filename: `riposte-audit-${stamp}Z.jsonl` };
}
