/**
 * Test and seed builders shared by core, server and UI tests (and the demo seed).
 * Pure data, no clock: timestamps are fixed so snapshots stay stable.
 */
import type { TMachineAction, TMdeAlert } from '../defender/entities';
import type { TDraftGraph, TFlowEdge, TFlowNode } from '../flow/schema';

export const SEED_FLOW_NAME = 'Isolate device on High severity alert';

export const TEST_DEFENDER_CONNECTION_ID = '5f0c6d2e-8a1b-4c3d-9e4f-0a1b2c3d4e5f';
export const TEST_SMTP_CONNECTION_ID = '6a1d7e3f-9b2c-4d4e-8f5a-1b2c3d4e5f60';
export const TEST_SOC_EMAIL = 'soc@contoso.example';

export interface SeedFlowOptions {
  defenderConnectionId: string;
  smtpConnectionId: string;
  socEmail: string;
}

export function buildNode(
  id: string,
  type: string,
  params: Record<string, unknown> = {},
  extra: Partial<Pick<TFlowNode, 'label' | 'position'>> = {},
): TFlowNode {
  return { id, type, label: extra.label ?? id, position: extra.position ?? { x: 0, y: 0 }, params };
}

export function buildEdge(source: string, target: string, sourceHandle = 'out', id?: string): TFlowEdge {
  return { id: id ?? `e_${source}_${sourceHandle}_${target}`, source, sourceHandle, target };
}

export function buildGraph(nodes: TFlowNode[], edges: TFlowEdge[]): TDraftGraph {
  return { schemaVersion: 1, nodes, edges };
}

/** The canonical flow (design.md intro): get alert → severity is High → isolate → email the SOC. */
export function buildSeedFlowGraph(options: SeedFlowOptions): TDraftGraph {
  const { defenderConnectionId, smtpConnectionId, socEmail } = options;
  const x = (column: number) => column * 280;
  return buildGraph(
    [
      buildNode(
        'trigger',
        'defender.alertCreated',
        { connectionId: defenderConnectionId },
        { label: 'When a new alert is created', position: { x: x(0), y: 0 } },
      ),
      buildNode(
        'get_alert',
        'defender.getAlert',
        { connectionId: defenderConnectionId, alertId: '{{ trigger.id }}' },
        { label: 'Get alert', position: { x: x(1), y: 0 } },
      ),
      buildNode(
        'is_high',
        'control.condition',
        { combinator: 'and', rules: [{ left: '{{ get_alert.severity }}', operator: 'equals', right: 'High' }] },
        { label: 'Severity is High', position: { x: x(2), y: 0 } },
      ),
      buildNode(
        'isolate',
        'defender.isolateMachine',
        {
          connectionId: defenderConnectionId,
          machineId: '{{ get_alert.machineId }}',
          isolationType: 'Full',
          comment: 'Isolated by Riposte: high severity alert {{ get_alert.id }} ({{ get_alert.title }})',
        },
        { label: 'Isolate machine', position: { x: x(3), y: -80 } },
      ),
      buildNode(
        'notify_soc',
        'email.send',
        {
          connectionId: smtpConnectionId,
          to: socEmail,
          subject: 'Device isolated: {{ get_alert.title }}',
          body: [
            'Riposte isolated a device after a high severity alert.',
            '',
            'Alert: {{ get_alert.title }}',
            'Severity: {{ get_alert.severity }}',
            'Machine: {{ get_alert.computerDnsName }} ({{ get_alert.machineId }})',
            'Alert ID: {{ get_alert.id }}',
            'Isolation status: {{ isolate.status }}',
          ].join('\n'),
          importance: 'high',
        },
        { label: 'Email the SOC', position: { x: x(4), y: -80 } },
      ),
    ],
    [
      buildEdge('trigger', 'get_alert', 'out', 'e1'),
      buildEdge('get_alert', 'is_high', 'out', 'e2'),
      buildEdge('is_high', 'isolate', 'true', 'e3'),
      buildEdge('isolate', 'notify_soc', 'out', 'e4'),
    ],
  );
}

/** The seed flow wired to the fixed test connection ids. */
export function buildSeedFlow(overrides: Partial<SeedFlowOptions> = {}): TDraftGraph {
  return buildSeedFlowGraph({
    defenderConnectionId: TEST_DEFENDER_CONNECTION_ID,
    smtpConnectionId: TEST_SMTP_CONNECTION_ID,
    socEmail: TEST_SOC_EMAIL,
    ...overrides,
  });
}

/** A realistic MDE alert (B.6); override any field. */
export function buildAlert(overrides: Partial<TMdeAlert> & Record<string, unknown> = {}): TMdeAlert {
  return {
    id: 'da637472900382838869_1364969609',
    title: 'Suspicious PowerShell command line',
    description: 'A suspicious PowerShell activity was observed on the machine.',
    severity: 'High',
    status: 'New',
    category: 'Execution',
    detectionSource: 'WindowsDefenderAtp',
    alertCreationTime: '2026-01-15T10:00:00.000Z',
    lastUpdateTime: '2026-01-15T10:05:00.000Z',
    firstEventTime: '2026-01-15T09:58:00.000Z',
    lastEventTime: '2026-01-15T09:59:00.000Z',
    machineId: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07',
    computerDnsName: 'desktop-7f3k2.contoso.local',
    incidentId: 1126093,
    investigationId: null,
    assignedTo: null,
    classification: null,
    determination: null,
    threatFamilyName: null,
    mitreTechniques: ['T1059.001'],
    relatedUser: { userName: 'alice', domainName: 'CONTOSO' },
    evidence: [
      {
        entityType: 'File',
        sha1: '2f2a3c6e1f4b5d6a7c8e9f0a1b2c3d4e5f607182',
        fileName: 'payload.ps1',
        filePath: 'C:\\Users\\alice\\Downloads',
      },
    ],
    rbacGroupName: 'Workstations',
    aadTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    ...overrides,
  };
}

/** A MachineAction as MDE returns it for an isolate request. */
export function buildMachineAction(overrides: Partial<TMachineAction> & Record<string, unknown> = {}): TMachineAction {
  return {
    id: '7f2e6c1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
    type: 'Isolate',
    scope: 'Full',
    requestor: 'riposte-app',
    requestorComment: 'Isolated by Riposte',
    status: 'Pending',
    machineId: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07',
    computerDnsName: 'desktop-7f3k2.contoso.local',
    creationDateTimeUtc: '2026-01-15T10:01:00.000Z',
    lastUpdateDateTimeUtc: '2026-01-15T10:01:00.000Z',
    ...overrides,
  };
}
