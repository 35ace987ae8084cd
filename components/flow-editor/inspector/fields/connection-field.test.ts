// The connection picker offers only connections of the step's kind, including the webhook and
// HTTP kinds of the notification and HTTP request steps.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ConnectionOption } from '../../types';
import { ConnectionField } from './connection-field';

const connections: ConnectionOption[] = [
  { id: 'd1', kind: 'defender', name: 'Contoso tenant', isDemo: false },
  { id: 's1', kind: 'smtp', name: 'Relay', isDemo: false },
  { id: 'w1', kind: 'webhook', name: 'SOC channel', isDemo: false },
  { id: 'h1', kind: 'http', name: 'SOAR API', isDemo: false },
];

function render(kind: ConnectionOption['kind'], list = connections, required = true): string {
  return renderToStaticMarkup(
    createElement(ConnectionField, { id: 'c', value: '', kind, connections: list, readOnly: false, invalid: false, required, onChange: () => undefined, onBlur: () => undefined }),
  );
}

describe('connection picker', () => {
  it('lists only webhook connections for a webhook step', () => {
    const html = render('webhook');
    expect(html).toContain('SOC channel');
    expect(html).toContain('Choose a webhook connection…');
    for (const other of ['Contoso tenant', 'Relay', 'SOAR API']) expect(html).not.toContain(other);
  });

  it('lists only HTTP connections for the HTTP request step, with "an HTTP"', () => {
    const html = render('http', connections, false);
    expect(html).toContain('SOAR API');
    expect(html).toContain('Choose an HTTP connection…');
    expect(html).not.toContain('SOC channel');
  });

  it('says when there is none of the kind', () => {
    expect(render('webhook', connections.slice(0, 2))).toContain('No webhook connection — ask an admin to add one.');
  });
});
