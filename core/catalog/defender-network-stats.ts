/**
 * IP and domain statistics (A.2 #14, #15): how many of the organisation's devices talked to an
 * address or domain, and when first and last. An unknown but valid value has prevalence 0.
 */
import { z } from 'zod';
import { connectionParam, defenderStep, requiredText } from './fields';
import { lookBackHoursParam, ORG_PREVALENCE_FIELDS } from './defender-files';
import type { NodeTypeDef } from './types';

export const defenderGetIpStats = defenderStep({
  type: 'defender.getIpStats',
  title: 'Get IP statistics',
  description: 'How many of your devices connected to an IP address (IPv4 or IPv6), first and last seen.',
  icon: 'shield-search',
  params: z.object({
    connectionId: connectionParam('Defender'),
    ip: requiredText({ title: 'IP address', description: 'e.g. {{ alert_ips.addresses[0] }}', widget: 'text' }),
    lookBackHours: lookBackHoursParam(),
  }),
  outputFields: [{ path: 'ipAddress', label: 'IP address', type: 'string' }, ...ORG_PREVALENCE_FIELDS],
  permission: 'Ip.Read.All',
});

export const defenderGetDomainStats = defenderStep({
  type: 'defender.getDomainStats',
  title: 'Get domain statistics',
  description: 'How many of your devices reached a domain, first and last seen (a rare domain is suspicious).',
  icon: 'shield-search',
  params: z.object({
    connectionId: connectionParam('Defender'),
    domain: requiredText({ title: 'Domain', description: 'e.g. {{ alert_domains.hosts[0] }}', widget: 'text' }),
    lookBackHours: lookBackHoursParam(),
  }),
  outputFields: [{ path: 'host', label: 'Domain', type: 'string' }, ...ORG_PREVALENCE_FIELDS],
  permission: 'URL.Read.All',
});

export const NETWORK_STATS_DEFS: readonly NodeTypeDef[] = [defenderGetIpStats, defenderGetDomainStats];
