// Server-renders the inspector for every seed node: the generated form must label every control
// by its param title and mark required fields, without a browser.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FlowIssue } from '@/core/flow/issues';
import { buildAlert, buildSeedFlow, TEST_DEFENDER_CONNECTION_ID } from '@/core/testing/builders';
import { Inspector, type InspectorProps } from './inspector';

const graph = buildSeedFlow();

function render(nodeId: string, extra: Partial<InspectorProps> = {}): string {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (node === undefined) throw new Error(nodeId);
  return renderToStaticMarkup(
    createElement(Inspector, {
      node,
      graph,
      connections: [{ id: TEST_DEFENDER_CONNECTION_ID, kind: 'defender', name: 'Contoso', isDemo: false }],
      samples: { get_alert: buildAlert({ title: '<script>alert(1)</script>' }) },
      issues: [],
      readOnly: false,
      onChange: () => undefined,
      ...extra,
    }),
  );
}

/** The text of the <label for=id> for every labelled control. */
function labels(html: string): string[] {
  return [...html.matchAll(/<label[^>]*for="([^"]+)"[^>]*>(.*?)<\/label>/g)].map((m) => m[2].replace(/<[^>]+>/g, ''));
}

describe('Inspector (server render)', () => {
  it('labels the email form by param title, with asterisks on required fields', () => {
    const html = render('notify_soc');
    expect(labels(html)).toEqual(['Name', 'SMTP connection*', 'To*', 'Cc', 'Bcc', 'Subject*', 'Body*', 'HTML body', 'Importance', 'Attachment name', 'Attachment content', 'Attachment format', 'Retry policy', 'Time out after (seconds)', 'Notes']);
    expect(html).toContain('No SMTP connection — ask an admin to add one.');
    expect(html).toContain('Insert dynamic content');
  });

  it('shows tokens as readable chips', () => {
    const html = render('notify_soc');
    expect(html).toContain('Get alert › Title');
  });

  it('renders the condition builder with the operator labels', () => {
    const html = render('is_high');
    expect(html).toContain('aria-label="Rule 1: operator"');
    expect(html).toContain('is equal to');
    expect(html).toContain('Add row');
    expect(html).toContain('Add group');
  });

  it('shows checker issues for this node at the top and under the field', () => {
    const issues: FlowIssue[] = [
      { severity: 'error', code: 'MissingParam', message: '"Isolate machine" needs "Comment".', nodeId: 'isolate', path: ['comment'] },
      { severity: 'warning', code: 'X', message: 'Elsewhere', nodeId: 'get_alert', path: ['alertId'] },
    ];
    const html = render('isolate', { issues });
    expect(html.match(/needs &quot;Comment&quot;/g)).toHaveLength(2);
    expect(html).not.toContain('Elsewhere');
    expect(html).toMatch(/id="insp-isolate-comment"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="insp-isolate-comment"/);
  });

  it('is read-only when asked (no pickers, no add buttons)', () => {
    const html = render('is_high', { readOnly: true });
    expect(html).not.toContain('Insert dynamic content');
    expect(html).not.toContain('Add row');
  });
});
