// One or two short lines under each node's title, so the graph reads without opening nodes.
import { OPERATORS } from '@/core/conditions/operators';
import { scheduleParamsOf } from '@/core/catalog/schedule-recurrence';
import { describeSchedule } from '@/core/schedule/recurrence';

const MAX = 52;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX ? `${flat.slice(0, MAX - 1)}…` : flat;
}

function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(asText).join(', ');
  return '';
}

function operatorLabel(op: unknown): string {
  return typeof op === 'string' && Object.hasOwn(OPERATORS, op) ? OPERATORS[op as keyof typeof OPERATORS].label : String(op);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** "{{ get_alert.severity }} is equal to High", nested groups collapse to "(group)". */
export function summariseCondition(group: unknown): string[] {
  if (!isRecord(group) || !Array.isArray(group.rules)) return [];
  const rules = group.rules;
  if (rules.length === 0) return ['Always true'];
  const join = group.combinator === 'or' ? 'or' : 'and';
  const lines = rules.slice(0, 2).map((rule, i) => {
    const text = isRecord(rule) && 'operator' in rule ? `${asText(rule.left)} ${operatorLabel(rule.operator)} ${asText(rule.right)}` : '(group of rules)';
    return clip(i === 0 ? text : `${join} ${text}`);
  });
  if (rules.length > 2) lines.push(`${join} ${rules.length - 2} more`);
  return lines;
}

export function summariseParams(type: string, params: Record<string, unknown>): string[] {
  switch (type) {
    case 'defender.alertCreated':
      return isRecord(params.filter) && Array.isArray(params.filter.rules) && params.filter.rules.length > 0
        ? ['Only when:', ...summariseCondition(params.filter)]
        : ['Every new alert'];
    case 'defender.getAlert':
      return [clip(`Alert ${asText(params.alertId)}`)];
    case 'defender.isolateMachine':
      return [clip(`${asText(params.isolationType) || 'Full'} isolation`), clip(`Machine ${asText(params.machineId)}`)];
    case 'control.condition':
      return summariseCondition(params);
    case 'schedule.recurrence': {
      const schedule = scheduleParamsOf(params);
      return [clip(schedule ? describeSchedule(schedule) : 'Schedule not complete')];
    }
    case 'control.switch':
      return [clip(`On ${asText(params.value)}`)];
    case 'control.delay':
      return [asText(params.amount) !== '' ? `Wait ${asText(params.amount)} ${asText(params.unit) || 'minutes'}` : clip(`Until ${asText(params.until) || '…'}`)];
    case 'control.deduplicate':
      return [clip(`Once per ${asText(params.key) || '…'}`), `within ${asText(params.windowMinutes) || '60'} min`];
    case 'control.approval':
      return [clip(asText(params.title)), clip(`Ask ${asText(params.approvers) || '…'}`)].filter((l) => l !== '');
    case 'control.forEach': {
      const n = typeof params.concurrency === 'number' ? params.concurrency : 1;
      return [clip(`Over ${asText(params.items)}`), n > 1 ? `${n} items at a time` : 'One item at a time'];
    }
    case 'control.terminate':
      return [`End the run as ${asText(params.status) || 'failed'}`, clip(asText(params.message))].filter((l) => l !== '');
    case 'control.compose':
      return [clip(typeof params.value === 'string' ? params.value : JSON.stringify(params.value ?? null))];
    case 'control.setVariable':
      return [clip(`${asText(params.name)} = ${typeof params.value === 'string' ? params.value : JSON.stringify(params.value ?? null)}`)];
    case 'control.appendVariable':
      return [clip(`${asText(params.name)} += ${asText(params.value)}`)];
    case 'defender.runHuntingQuery': {
      // The saved columns are a list of objects: name them, never "[object Object]".
      const columns = Array.isArray(params.columns) ? params.columns.map((c) => (isRecord(c) ? asText(c.name) : '')).filter((n) => n !== '') : [];
      const query = asText(params.query).trim();
      return [
        clip(query === '' ? 'No query yet' : query),
        columns.length > 0 ? clip(`${columns.length} columns: ${columns.join(', ')}`) : `api: ${asText(params.api) || 'graph'}`,
      ];
    }
    case 'email.send':
      return [clip(`To ${asText(params.to)}`), clip(asText(params.subject))].filter((l) => l !== '');
    default:
      return Object.entries(params)
        .filter(([key, v]) => key !== 'connectionId' && asText(v) !== '')
        .slice(0, 2)
        .map(([key, v]) => clip(`${key}: ${asText(v)}`));
  }
}
