import { describe, expect, it } from 'vitest';
import { auditExportHref, auditHref, auditServiceQuery, isAuditFiltered, readAuditParams } from './audit-params';

describe('audit page params', () => {
  it('reads the filters, trims them and keeps the first of repeated keys', () => {
    const p = readAuditParams({ actor: '  alice ', category: ['flows', 'runs'], cursor: 'abc', junk: 'x' });
    expect(p).toEqual({ actor: 'alice', category: 'flows', cursor: 'abc' });
    expect(isAuditFiltered(p)).toBe(true);
    expect(isAuditFiltered({ cursor: 'abc' })).toBe(false);
  });

  it('dates without a range mean a custom range, read as UTC', () => {
    const p = readAuditParams({ from: '2026-12-01T08:00' });
    expect(p.range).toBe('custom');
    expect(auditServiceQuery(p)).toEqual({ range: 'custom', from: '2026-12-01T08:00:00Z' });
  });

  it('a preset range drops stale custom dates', () => {
    expect(auditServiceQuery({ range: '24h', from: '2026-12-01T08:00' })).toEqual({ range: '24h' });
  });

  it('links drop pagination unless asked, and the export carries the filters but no cursor', () => {
    const p = { action: 'flow.publish', cursor: 'c1', direction: 'older' };
    expect(auditHref(p)).toBe('/audit?action=flow.publish');
    expect(auditHref(p, { cursor: 'c2' })).toBe('/audit?action=flow.publish&cursor=c2');
    expect(auditExportHref(p)).toBe('/api/v1/audit/export?action=flow.publish');
    expect(auditExportHref({})).toBe('/api/v1/audit/export');
  });
});
