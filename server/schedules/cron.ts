// Full validation of schedule params (cron-parser and the runtime's time zone database) and the
// next run times, for publish and the REST API. core/ checks only the shape (it stays pure).
import { CronExpressionParser } from 'cron-parser';
import { scheduleParamsOf, scheduleRecurrence } from '@/core/catalog/schedule-recurrence';
import { repeatSpecOf, type ScheduleParams } from '@/core/schedule/recurrence';
import { error, nodeName, type FlowIssue } from '@/core/flow/issues';
import { TRIGGER_NODE_ID, type TDraftGraph } from '@/core/flow/schema';

export function isKnownTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Null when cron-parser accepts the expression; otherwise its reason, for the user. */
export function cronError(expression: string): string | null {
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' }).next();
    return null;
  } catch (e) {
    return (e as Error).message || 'is not a valid cron expression';
  }
}

/**
 * The next `count` ticks after `from`. Cron schedules are exact; an interval's first tick is when
 * the flow is switched on, so for intervals these are `from` + N × interval.
 */
export function nextRuns(params: ScheduleParams, from: Date, count = 3): Date[] {
  const spec = repeatSpecOf(params);
  if (spec.kind === 'every') return Array.from({ length: count }, (_, i) => new Date(from.getTime() + (i + 1) * spec.everyMs));
  const it = CronExpressionParser.parse(spec.pattern, { tz: spec.tz, currentDate: from });
  return Array.from({ length: count }, () => it.next().toDate());
}

/** Publish-time issues of a schedule trigger that only a cron parser and a zone database can find. */
export function scheduleIssues(graph: TDraftGraph): FlowIssue[] {
  const node = graph.nodes.find((n) => n.id === TRIGGER_NODE_ID && n.type === scheduleRecurrence.type);
  if (!node) return [];
  const params = scheduleParamsOf(node.params);
  if (!params) return []; // core's checker already reported what is wrong
  const issues: FlowIssue[] = [];
  if (!isKnownTimezone(params.timezone)) {
    issues.push(error('InvalidParam', `${nodeName(node)}: "${params.timezone}" is not a time zone this server knows (use an IANA name such as Europe/Paris).`, { nodeId: node.id, path: ['timezone'] }));
  } else if (params.mode === 'cron') {
    const reason = cronError(params.cron ?? '');
    if (reason !== null) issues.push(error('InvalidParam', `${nodeName(node)}: the cron expression is not valid: ${reason}.`, { nodeId: node.id, path: ['cron'] }));
  }
  return issues;
}
