import { describe, expect, it } from 'vitest';
import { safeLink, summariseWebhook } from './webhook-summary';

const teamsPost = {
  type: 'message',
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: {
        type: 'AdaptiveCard',
        version: '1.4',
        body: [
          { type: 'TextBlock', text: 'Ransomware <b>found</b>', size: 'Large', weight: 'Bolder' },
          { type: 'TextBlock', text: 'Isolated the device.' },
          { type: 'FactSet', facts: [{ title: 'Severity', value: 'High' }, { title: 'Machine', value: 'ws-01' }] },
        ],
        actions: [{ type: 'Action.OpenUrl', title: 'Open in Defender', url: 'https://security.microsoft.com/alerts/da1' }],
      },
    },
  ],
};

describe('summariseWebhook', () => {
  it('reads the title, texts, facts and links of a Teams Adaptive Card', () => {
    expect(summariseWebhook('teams', JSON.stringify(teamsPost))).toEqual({
      title: 'Ransomware <b>found</b>',
      lines: ['Isolated the device.'],
      facts: [{ name: 'Severity', value: 'High' }, { name: 'Machine', value: 'ws-01' }],
      links: [{ title: 'Open in Defender', url: 'https://security.microsoft.com/alerts/da1' }],
    });
  });

  it('reads a Slack message with blocks', () => {
    const msg = {
      text: 'fallback',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'New alert' } },
        { type: 'section', text: { type: 'mrkdwn', text: '*High* on ws-01' }, fields: [{ type: 'mrkdwn', text: 'Status: New' }] },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open' }, url: 'https://security.microsoft.com/alerts/da1' }] },
      ],
    };
    expect(summariseWebhook('slack', JSON.stringify(msg))).toEqual({
      title: 'New alert',
      lines: ['*High* on ws-01', 'Status: New'],
      facts: [],
      links: [{ title: 'Open', url: 'https://security.microsoft.com/alerts/da1' }],
    });
  });

  it('falls back to a Slack message text without blocks', () => {
    expect(summariseWebhook('slack', '{"text":"hello"}')?.lines).toEqual(['hello']);
  });

  it('gives nothing for a body that is not JSON or says nothing', () => {
    expect(summariseWebhook('teams', 'not json')).toBeNull();
    expect(summariseWebhook('generic', '{"a":1}')).toBeNull();
  });
});

describe('safeLink', () => {
  it('keeps http(s) links and refuses script and data URLs', () => {
    expect(safeLink('https://security.microsoft.com/alerts/1')).toBe('https://security.microsoft.com/alerts/1');
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('data:text/html,<b>x</b>')).toBeNull();
    expect(safeLink('not a url')).toBeNull();
  });
});
