import { describe, expect, it } from 'vitest';
import { FLOW_TEMPLATES, getTemplate } from './templates';
import { checkFlow } from './flow/check';

const ctx = { defenderConnectionId: '00000000-0000-4000-8000-000000000001', smtpConnectionId: '00000000-0000-4000-8000-000000000002', socEmail: 'soc@x.test' };

describe('flow templates', () => {
  it('the seed template is publishable as built', () => {
    const result = checkFlow(getTemplate('isolate-high')!.build(ctx));
    expect(result.ok).toBe(true);
  });

  it('a blank flow has only the trigger, bound to the Defender connection', () => {
    const g = getTemplate('blank')!.build(ctx);
    expect(g.nodes).toHaveLength(1);
    expect(g.nodes[0]).toMatchObject({ id: 'trigger', type: 'defender.alertCreated', params: { connectionId: ctx.defenderConnectionId } });
    expect(g.edges).toEqual([]);
  });

  it('every template builds a graph that parses as a draft even without connections', () => {
    for (const t of FLOW_TEMPLATES) expect(t.build({ socEmail: 'soc@x.test' }).schemaVersion).toBe(1);
  });
});

describe('hunting report template', () => {
  it('is publishable as built and runs daily at 08:00 UTC', () => {
    const g = getTemplate('hunting-report')!.build(ctx);
    const result = checkFlow(g);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(g.nodes.find((n) => n.id === 'trigger')).toMatchObject({ type: 'schedule.recurrence', params: { unit: 'days', at: '08:00', timezone: 'UTC' } });
    expect(g.nodes.map((n) => n.type)).toEqual(['schedule.recurrence', 'defender.runHuntingQuery', 'control.condition', 'email.send']);
  });
});
