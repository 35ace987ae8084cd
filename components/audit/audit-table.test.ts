// Server-renders audit rows: who ("system" for no actor), the label and raw action, the target
// linked only when the page found it, from where, and details as escaped JSON text.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AuditTable, type AuditRow } from './audit-table';

const row = (over: Partial<AuditRow>): AuditRow => ({
  id: 'a1',
  at: '2026-12-01T10:00:00.000Z',
  actorEmail: 'admin@test.local',
  action: 'flow.publish',
  label: 'Flow published',
  category: 'flows',
  targetType: 'flow',
  targetId: '7c0e3f6a-1111-4222-8333-944445555666',
  details: { version: 2 },
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
  ...over,
});

const render = (rows: AuditRow[], links: Record<string, string> = {}) =>
  renderToStaticMarkup(createElement(AuditTable, { rows, links, now: Date.parse('2026-12-01T12:00:00Z') }));

describe('audit table', () => {
  it('shows when (absolute and relative), who, what, the linked target and from where', () => {
    const html = render([row({})], { 'flow:7c0e3f6a-1111-4222-8333-944445555666': '/flows/7c0e3f6a-1111-4222-8333-944445555666' });
    expect(html).toContain('2026-12-01 10:00:00 UTC');
    expect(html).toContain('2 h ago');
    expect(html).toContain('admin@test.local');
    expect(html).toContain('Flow published');
    expect(html).toContain('<code class="text-[11px] text-slate-400">flow.publish</code>');
    expect(html).toContain('href="/flows/7c0e3f6a-1111-4222-8333-944445555666"');
    expect(html).toContain('203.0.113.7');
    expect(html).toContain('title="Mozilla/5.0 (X11; Linux x86_64)"');
  });

  it('an unlinked target is plain text, no actor is "system", no address is a dash', () => {
    const html = render([row({ actorEmail: 'system', ip: null, userAgent: null, details: null })]);
    expect(html).not.toContain('href=');
    expect(html).toContain('>system</span>');
    expect(html).toContain('7c0e3f6a');
  });

  it('details are JSON text: markup in them is escaped, never HTML', () => {
    const html = render([row({ details: { name: '<script>alert(1)</script><img src=x onerror=alert(2)>' } })]);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<details');
  });
});
