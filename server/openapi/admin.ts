// Administration: users and the audit log (admins only).
import { z } from 'zod';
import { ZInvite, ZUserPatch } from '@/server/services/user-admin';
import { ZAuditFilter, ZAuditListQuery } from '@/server/services/audit-query';
import type { ApiArea } from './types';

// The views are built in app/_lib/user-views.ts and the audit query; described loosely here.
const ZUserOut = z.looseObject({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(['admin', 'editor', 'viewer']) });
const ZLinkOut = z.looseObject({ url: z.string(), expiresAt: z.string() });
const ZAuditPage = z.looseObject({ items: z.array(z.looseObject({ id: z.string(), at: z.string(), action: z.string() })), nextCursor: z.string().nullable(), prevCursor: z.string().nullable() });

export const adminArea: ApiArea = {
  tag: 'Administration',
  description: 'Users (invite, role, disable, password reset) and the audit log. Admins only.',
  operations: [
    { method: 'GET', path: '/api/v1/users', summary: 'List users', access: 'users:manage', success: { status: 200, description: 'Every user', schema: z.object({ items: z.array(ZUserOut) }) } },
    {
      method: 'POST', path: '/api/v1/users', summary: 'Invite a user', description: 'Creates the user without a password and returns a one-time link (72 h) where they set one.',
      access: 'users:manage', body: ZInvite, success: { status: 201, description: 'The user and the one-time link', schema: z.object({ user: ZUserOut, link: ZLinkOut }) }, errors: [409],
    },
    {
      method: 'PATCH', path: '/api/v1/users/{id}', summary: 'Change a user\'s role or disable / enable them', description: 'Disabling ends their sessions; the last active admin cannot be demoted or disabled (409).',
      access: 'users:manage', body: ZUserPatch, success: { status: 200, description: 'The user', schema: ZUserOut }, errors: [404, 409],
    },
    {
      method: 'POST', path: '/api/v1/users/{id}/reset', summary: 'Reset a user\'s password', description: 'Ends their sessions and returns a new one-time link.',
      access: 'users:manage', bodyOptional: true, success: { status: 200, description: 'The user and the one-time link', schema: z.object({ user: ZUserOut, link: ZLinkOut }) }, errors: [404],
    },
    { method: 'GET', path: '/api/v1/audit', summary: 'List audit entries', description: 'Newest first, keyset pages.', access: 'audit:read', query: ZAuditListQuery, success: { status: 200, description: 'A page of entries', schema: ZAuditPage } },
    {
      method: 'GET', path: '/api/v1/audit/export', summary: 'Export audit entries as JSON lines', description: 'Same filters as the list; streams every matching entry, one JSON object per line.',
      access: 'audit:read', query: ZAuditFilter, success: { status: 200, description: 'JSON lines', contentType: 'application/x-ndjson' },
    },
  ],
};
