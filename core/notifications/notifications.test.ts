import { describe, expect, it } from 'vitest';
import { buildTeamsCard } from './teams-card';
import { buildSlackMessage } from './slack-message';
import { csvCell, toCsv } from './csv';
import { buildAttachment, MAX_ATTACHMENT_BYTES } from './attachment';
import { parseNameValueLines } from './lines';

describe('Teams card', () => {
  it('builds the Workflows envelope with an Adaptive Card 1.4, severity colour, facts and the Defender link', () => {
    const msg = buildTeamsCard({
      title: 'Ransomware on WS-01',
      text: 'Isolated the machine.',
      severity: 'High',
      machineName: 'ws-01.contoso.local',
      alertId: 'da637/x?y#z',
      facts: 'User: CONTOSO\\alice\n\nFile: evil.exe\nno separator line',
    });
    expect(msg).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            msteams: { width: 'Full' },
            body: [
              { type: 'Container', style: 'attention', bleed: true, items: [{ type: 'TextBlock', text: 'Ransomware on WS-01', weight: 'Bolder', size: 'Medium', color: 'attention', wrap: true }] },
              { type: 'TextBlock', text: 'Isolated the machine.', wrap: true },
              {
                type: 'FactSet',
                facts: [
                  { title: 'Severity', value: 'High' },
                  { title: 'Machine', value: 'ws-01.contoso.local' },
                  { title: 'User', value: 'CONTOSO\\alice' },
                  { title: 'File', value: 'evil.exe' },
                ],
              },
            ],
            actions: [{ type: 'Action.OpenUrl', title: 'Open in Defender', url: 'https://security.microsoft.com/alerts/da637%2Fx%3Fy%23z' }],
          },
        },
      ],
    });
  });

  it('maps every severity to its colour and leaves out empty parts', () => {
    const colour = (severity: string) => {
      const card = buildTeamsCard({ title: 't', severity }).attachments as { content: { body: { items: { color: string }[] }[] } }[];
      return card[0]!.content.body[0]!.items[0]!.color;
    };
    expect(['High', 'medium', 'Low', 'Informational', 'Unknown'].map(colour)).toEqual(['attention', 'warning', 'accent', 'default', 'default']);
    const bare = buildTeamsCard({ title: 't' }) as { attachments: { content: Record<string, unknown> }[] };
    expect(bare.attachments[0]!.content.body).toHaveLength(1);
    expect(bare.attachments[0]!.content.actions).toBeUndefined();
  });

  it('keeps values as data: quotes and braces stay inside JSON strings', () => {
    const json = JSON.stringify(buildTeamsCard({ title: '"}]},{"type":"x', text: '</script>' }));
    expect(JSON.parse(json).attachments[0].content.body[0].items[0].text).toBe('"}]},{"type":"x');
  });
});

describe('Slack message', () => {
  it('builds text plus header, mrkdwn section, fields and a button', () => {
    expect(buildSlackMessage({ text: 'Alert on *ws-01*', title: 'New alert', fields: 'Severity: High\nMachine: ws-01', link: 'https://security.microsoft.com/alerts/1', linkText: 'Open in Defender' })).toEqual({
      text: 'Alert on *ws-01*',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'New alert', emoji: true } },
        { type: 'section', text: { type: 'mrkdwn', text: 'Alert on *ws-01*' } },
        { type: 'section', fields: [{ type: 'mrkdwn', text: '*Severity*\nHigh' }, { type: 'mrkdwn', text: '*Machine*\nws-01' }] },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Defender' }, url: 'https://security.microsoft.com/alerts/1' }] },
      ],
    });
  });

  it('keeps at most 10 fields and cuts the header to 150 characters', () => {
    const msg = buildSlackMessage({ text: 't', title: 'x'.repeat(200), fields: Array.from({ length: 12 }, (_, i) => `F${i}: v`).join('\n') }) as { blocks: { text?: { text: string }; fields?: unknown[] }[] };
    expect(msg.blocks[0]!.text!.text).toHaveLength(150);
    expect(msg.blocks[2]!.fields).toHaveLength(10);
  });
});

describe('name/value lines', () => {
  it('splits at the first separator, skips blank lines, reports bad lines', () => {
    expect(parseNameValueLines('A: b: c\r\n\n x = y=z \nnope\n= v', '=')).toEqual({ pairs: [{ name: 'x', value: 'y=z' }], bad: [1, 4, 5] });
    expect(parseNameValueLines('Authorization: Bearer a:b', ':')).toEqual({ pairs: [{ name: 'Authorization', value: 'Bearer a:b' }], bad: [] });
  });
});

describe('CSV', () => {
  it('uses the union of keys in first-seen order and RFC 4180 quoting with CRLF', () => {
    expect(toCsv([{ a: 1, b: 'x,y' }, { b: 'say "hi"', c: 'line1\nline2' }, { a: null, c: { n: 1 } }])).toBe(
      'a,b,c\r\n1,"x,y",\r\n,"say ""hi""","line1\nline2"\r\n,,"{""n"":1}"\r\n',
    );
    expect(toCsv([])).toBe('\r\n');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(['=1+1', '+SUM(A1)', '-2', '@cmd', '\tx', '\rx', 'a=b', '1'].map(csvCell)).toEqual([
      "'=1+1", "'+SUM(A1)", "'-2", "'@cmd", "'\tx", `"'\rx"`, 'a=b', '1',
    ]);
    expect(toCsv([{ cmd: '=HYPERLINK("http://evil","x")' }])).toBe(`cmd\r\n"'=HYPERLINK(""http://evil"",""x"")"\r\n`);
  });
});

describe('attachments', () => {
  it('auto: rows become CSV, an object JSON, text stays text', () => {
    expect(buildAttachment('r.csv', [{ a: 1 }])).toEqual({ filename: 'r.csv', contentType: 'text/csv', content: 'a\r\n1\r\n' });
    expect(buildAttachment('r.json', { a: 1 })).toEqual({ filename: 'r.json', contentType: 'application/json', content: '{\n  "a": 1\n}' });
    expect(buildAttachment('r.txt', 'hello')).toEqual({ filename: 'r.txt', contentType: 'text/plain', content: 'hello' });
    expect(buildAttachment('r.json', [1, 2]).contentType).toBe('application/json');
  });

  it('a forced format converts or explains', () => {
    expect(buildAttachment('ids.csv', ['a', 'b'], 'csv').content).toBe('value\r\na\r\nb\r\n');
    expect(buildAttachment('r.txt', { a: 1 }, 'text').content).toBe('{\n  "a": 1\n}');
    expect(() => buildAttachment('r.csv', 'text', 'csv')).toThrow(/not a list of rows/);
  });

  it('refuses names with paths or line breaks, and content over the cap', () => {
    for (const bad of ['../x.csv', 'a/b', 'a\r\nBcc: x', '', '..']) expect(() => buildAttachment(bad, 'x'), bad).toThrow(/plain file name/);
    expect(() => buildAttachment('big.txt', 'x'.repeat(MAX_ATTACHMENT_BYTES + 1))).toThrow(/limit is 10 MB/);
  });
});

describe('Teams card portal link', () => {
  const button = (card: Record<string, unknown>) => (card as { attachments: { content: { actions: { title: string; url: string }[] } }[] }).attachments[0]!.content.actions[0]!;
  it('opens the portal of the alert\'s cloud, commercial when unknown', () => {
    expect(button(buildTeamsCard({ title: 't', alertId: 'da1_2' }))).toEqual({ type: 'Action.OpenUrl', title: 'Open in Defender', url: 'https://security.microsoft.com/alerts/da1_2' });
    expect(button(buildTeamsCard({ title: 't', alertId: 'da1_2', defender: { apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us', graphBaseUrl: 'https://graph.microsoft.us' } })).url).toBe('https://security.microsoft.us/alerts/da1_2');
    expect(button(buildTeamsCard({ title: 't', alertId: 'a/b', defender: { apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us', graphBaseUrl: 'https://dod-graph.microsoft.us' } })).url).toBe('https://security.apps.mil/alerts/a%2Fb');
  });
});
