// `riposte publish|enable|disable <name>`: the same service calls as the buttons, found by the
// flow's exact name (names are not unique, so two matches is an error listing their ids).
import { db } from '@/server/db/client';
import { publishFlow, setFlowEnabled } from '@/server/services/flows';
import type { Principal } from '@/server/auth/roles';
import { CliError } from '../context';

export async function flowIdByName(name: string): Promise<string> {
  const matches = await db().flow.findMany({ where: { name }, select: { id: true }, orderBy: { createdAt: 'asc' } });
  if (matches.length === 0) throw new CliError(`No flow is named "${name}" (names must match exactly, including case)`);
  if (matches.length > 1) throw new CliError(`${matches.length} flows are named "${name}": ${matches.map((m) => m.id).join(', ')}. Rename one in the designer first.`);
  return (matches[0] as { id: string }).id;
}

export async function publishByName(actor: Principal, name: string): Promise<string> {
  const flow = await publishFlow(actor, await flowIdByName(name));
  const warnings = flow.warnings.map((w) => `\n  warning: ${w.message}`).join('');
  return `Published "${flow.name}" as version ${flow.version}${warnings}`;
}

export async function setEnabledByName(actor: Principal, name: string, enabled: boolean): Promise<string> {
  const flow = await setFlowEnabled(actor, await flowIdByName(name), enabled);
  return `"${flow.name}" is now ${enabled ? 'on' : 'off'}`;
}
