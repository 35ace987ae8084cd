/**
 * "Scheduled hunting query → email report" (issue 3): every day at 08:00 UTC, run a KQL query
 * through the Graph hunting API and, when it returns rows, email them to the SOC.
 */
import type { TDraftGraph } from '../flow/schema';
import { buildEdge, buildGraph, buildNode } from '../testing/builders';

export const HUNTING_REPORT_NAME = 'Daily hunting report by email';

/** PowerShell started by something other than Explorer in the last day, per device. */
export const HUNTING_REPORT_QUERY = [
  'DeviceProcessEvents',
  '| where Timestamp > ago(1d)',
  '| where FileName =~ "powershell.exe" and InitiatingProcessFileName != "explorer.exe"',
  '| summarize Executions = count() by DeviceName',
  '| order by Executions desc',
].join('\n');

export function buildHuntingReportGraph(ctx: { defenderConnectionId?: string; smtpConnectionId?: string; socEmail: string }): TDraftGraph {
  const x = (column: number) => column * 280;
  return buildGraph(
    [
      buildNode('trigger', 'schedule.recurrence', { mode: 'interval', every: 1, unit: 'days', at: '08:00', timezone: 'UTC' }, { label: 'Every day at 08:00', position: { x: x(0), y: 0 } }),
      buildNode(
        'hunt',
        'defender.runHuntingQuery',
        { connectionId: ctx.defenderConnectionId ?? '', query: HUNTING_REPORT_QUERY, api: 'graph' },
        { label: 'Hunt for unusual PowerShell', position: { x: x(1), y: 0 } },
      ),
      buildNode(
        'found_rows',
        'control.condition',
        { combinator: 'and', rules: [{ left: '{{ hunt.rowCount }}', operator: 'greater', right: '0' }] },
        { label: 'Found anything?', position: { x: x(2), y: 0 } },
      ),
      buildNode(
        'report',
        'email.send',
        {
          connectionId: ctx.smtpConnectionId ?? '',
          to: ctx.socEmail,
          subject: 'Hunting report: {{ hunt.rowCount }} device(s) ran unusual PowerShell',
          body: [
            'The daily hunting query found {{ hunt.rowCount }} device(s) where PowerShell was started by something other than Explorer in the last day.',
            '',
            'Rows (device, executions): {{ hunt.results }}',
            '',
            'Scheduled for {{ trigger.scheduledFor }}.',
          ].join('\n'),
          importance: 'normal',
        },
        { label: 'Email the report', position: { x: x(3), y: -80 } },
      ),
    ],
    [buildEdge('trigger', 'hunt', 'out', 'e1'), buildEdge('hunt', 'found_rows', 'out', 'e2'), buildEdge('found_rows', 'report', 'true', 'e3')],
  );
}
