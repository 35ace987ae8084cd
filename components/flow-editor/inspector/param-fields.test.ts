import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NODE_CATALOG } from '@/core/catalog/index';
import { meta } from '@/core/catalog/fields';
import type { NodeTypeDef } from '@/core/catalog/types';
import { fieldsFor } from './param-fields';

/** The parts of a spec a test can compare (the zod schema itself is not comparable). */
function summary(def: NodeTypeDef) {
  return fieldsFor(def).map(({ schema: _schema, ...rest }) => rest);
}

describe('fieldsFor', () => {
  it('maps the trigger: Defender connection and an optional filter condition', () => {
    expect(summary(NODE_CATALOG['defender.alertCreated'])).toEqual([
      {
        key: 'connectionId',
        root: false,
        title: 'Defender connection',
        description: 'The Defender connection this step uses.',
        widget: 'connection',
        required: true,
        connectionKind: 'defender',
      },
      {
        key: 'filter',
        root: false,
        title: 'Only when',
        description: 'Optional condition on the alert; leave empty to run for every alert.',
        widget: 'condition',
        required: false,
      },
    ]);
  });

  it('maps get alert: connection and a required text alert id', () => {
    const fields = summary(NODE_CATALOG['defender.getAlert']);
    expect(fields.map((f) => [f.key, f.widget, f.required])).toEqual([
      ['connectionId', 'connection', true],
      ['alertId', 'text', true],
    ]);
    expect(fields[1].title).toBe('Alert ID');
  });

  it('maps isolate machine, with the enum options and default from the schema', () => {
    const fields = summary(NODE_CATALOG['defender.isolateMachine']);
    expect(fields.map((f) => [f.key, f.widget, f.required])).toEqual([
      ['connectionId', 'connection', true],
      ['machineId', 'text', true],
      ['comment', 'multiline', true],
      ['isolationType', 'enum', false],
      ['waitUntilDone', 'boolean', false],
      ['waitTimeoutMinutes', 'number', false],
    ]);
    expect(fields[3]).toMatchObject({ title: 'Isolation type', options: ['Full', 'Selective'], defaultValue: 'Full' });
  });

  it('maps the condition node to one root condition field (its params are the group)', () => {
    expect(summary(NODE_CATALOG['control.condition'])).toEqual([
      expect.objectContaining({ key: '', root: true, widget: 'condition', required: true, title: 'Condition' }),
    ]);
  });

  it('maps send email: SMTP connection, recipients (to required, cc optional), text, multiline, enum', () => {
    const fields = summary(NODE_CATALOG['email.send']);
    expect(fields.map((f) => [f.key, f.widget, f.required])).toEqual([
      ['connectionId', 'connection', true],
      ['to', 'recipients', true],
      ['cc', 'recipients', false],
      ['bcc', 'recipients', false],
      ['subject', 'text', true],
      ['body', 'multiline', true],
      ['html', 'multiline', false],
      ['importance', 'enum', false],
      ['attachmentName', 'text', false],
      ['attachmentContent', 'json', false],
      ['attachmentFormat', 'enum', false],
    ]);
    expect(fields[0].connectionKind).toBe('smtp');
    expect(fields[7]).toMatchObject({ options: ['low', 'normal', 'high'], defaultValue: 'normal' });
  });

  it('maps the new connection kinds to their pickers; the HTTP connection is optional', () => {
    expect(summary(NODE_CATALOG['teams.postCard'])[0]).toMatchObject({ key: 'connectionId', widget: 'connection', required: true, connectionKind: 'webhook' });
    expect(summary(NODE_CATALOG['slack.postMessage'])[0]).toMatchObject({ connectionKind: 'webhook' });
    expect(summary(NODE_CATALOG['http.request'])[0]).toMatchObject({ key: 'connectionId', widget: 'connection', required: false, connectionKind: 'http' });
  });

  it('covers every catalog type (a new type must map without throwing)', () => {
    for (const def of Object.values(NODE_CATALOG)) {
      const fields = fieldsFor(def);
      expect(fields.length).toBeGreaterThan(0);
      for (const f of fields) expect(f.title).not.toBe('');
    }
  });

  it('infers number and boolean widgets and unwraps optional/nullable/default', () => {
    const def = {
      ...NODE_CATALOG['defender.getAlert'],
      params: z.object({
        count: meta(z.number().int().optional(), { title: 'Count' }),
        dryRun: meta(z.boolean().default(false), { title: 'Dry run' }),
        level: z.enum(['a', 'b']).nullable(),
        someName: z.string(),
      }),
    } satisfies NodeTypeDef;
    expect(summary(def)).toEqual([
      { key: 'count', root: false, title: 'Count', widget: 'number', required: false },
      { key: 'dryRun', root: false, title: 'Dry run', widget: 'boolean', required: false, defaultValue: false },
      { key: 'level', root: false, title: 'Level', widget: 'enum', required: true, options: ['a', 'b'] },
      { key: 'someName', root: false, title: 'Some name', widget: 'text', required: true },
    ]);
  });
});
