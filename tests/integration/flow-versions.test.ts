// Version history on real Postgres: publish twice, list who/when, restore an old version as the
// draft (with the stale-save guard), diff against the published version, sample outputs.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import './setup-env';
import { db } from '@/server/db/client';
import { resetDatabase } from './harness';
import { createFlow, getFlow, publishFlow, updateDraft } from '@/server/services/flows';
import { changesSincePublished, listVersions, restoreVersion, sampleOutputs } from '@/server/services/flow-versions';
import { buildSeedFlowGraph } from '@/core/testing/builders';
import { hashPassword } from '@/server/auth/passwords';
import type { Principal } from '@/server/auth/roles';
import { ServiceError } from '@/server/services/errors';

let actor: Principal;
const ids = { defenderConnectionId: '00000000-0000-4000-8000-000000000001', smtpConnectionId: '00000000-0000-4000-8000-000000000002', socEmail: 'soc@x.test' };

beforeEach(async () => {
  await resetDatabase();
  const user = await db().user.create({ data: { email: 'editor@x.test', role: 'editor', passwordHash: await hashPassword('a-long-password-1') } });
  actor = { userId: user.id, email: user.email, role: 'editor', via: 'session' };
});

afterAll(async () => {
  await db().$disconnect();
});

describe('flow versions', () => {
  it('lists versions with who and when, and restores an old one as the draft', async () => {
    const flow = await createFlow(actor, { name: 'Versions', graph: buildSeedFlowGraph(ids) });
    await publishFlow(actor, flow.id);
    const v1 = await getFlow(flow.id);
    const g2 = structuredClone(v1.graph);
    g2.nodes.find((n) => n.id === 'isolate')!.params.isolationType = 'Selective';
    await updateDraft(actor, flow.id, { graph: g2, baseVersion: v1.draftVersion });
    await publishFlow(actor, flow.id);

    const versions = await listVersions(flow.id);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({ createdBy: 'editor@x.test', nodeCount: 5 });
    expect(await changesSincePublished(flow.id)).toEqual([]);

    const current = await getFlow(flow.id);
    const restored = await restoreVersion(actor, flow.id, 1, current.draftVersion);
    expect(restored.graph.nodes.find((n) => n.id === 'isolate')?.params.isolationType).toBe('Full');
    expect(restored.draftVersion).toBe(current.draftVersion + 1);
    const changes = await changesSincePublished(flow.id);
    expect(changes).toEqual([expect.objectContaining({ kind: 'changed', id: 'isolate', fields: ['params.isolationType'] })]);

    // A restore based on a stale draft is refused like any other stale save.
    const stale = await restoreVersion(actor, flow.id, 2, current.draftVersion).catch((e: unknown) => e);
    expect((stale as ServiceError).status).toBe(409);
    expect(await db().auditEvent.count({ where: { action: 'flow.restoreVersion' } })).toBe(1);
  });

  it('offers the latest run outputs as samples for the token picker', async () => {
    const flow = await createFlow(actor, { name: 'Samples', graph: buildSeedFlowGraph(ids) });
    expect(await sampleOutputs(flow.id)).toEqual({});
    const published = await publishFlow(actor, flow.id);
    const version = await db().flowVersion.findFirstOrThrow({ where: { flowId: flow.id, version: published.version } });
    const run = await db().run.create({
      data: { flowId: flow.id, flowVersionId: version.id, status: 'succeeded', triggerKind: 'alert', triggerData: { id: 'a1', severity: 'High' } },
    });
    await db().stepRun.create({ data: { runId: run.id, nodeId: 'get_alert', type: 'defender.getAlert', status: 'succeeded', output: { severity: 'High', title: 'T' } } });
    await db().stepRun.create({ data: { runId: run.id, nodeId: 'isolate', type: 'defender.isolateMachine', status: 'failed', output: { nope: true } } });
    expect(await sampleOutputs(flow.id)).toEqual({ trigger: { id: 'a1', severity: 'High' }, get_alert: { severity: 'High', title: 'T' } });
  });
});
