// Token values written into URLs, JSON bodies, Teams markdown and Slack mrkdwn stay data there.
import { describe, expect, it } from 'vitest';
import { encodeHeaderValue, encodeJsonString, encodeMarkdown, encodeSlackMrkdwn, encodeUrlComponent, resolveParams } from './resolve';

describe('url-component token encoding', () => {
  it('percent-encodes a value so it cannot add path segments or query parameters', () => {
    const r = resolveParams({ url: 'https://soar.example/api/alerts/{{ trigger.id }}?q={{ trigger.title }}' }, { trigger: { id: '../admin?x=1#', title: 'a&b=c d/é' } }, { url: encodeUrlComponent });
    expect(r.value).toEqual({ url: 'https://soar.example/api/alerts/..%2Fadmin%3Fx%3D1%23?q=a%26b%3Dc%20d%2F%C3%A9' });
  });

  it('a whole-token value keeps its type (the step checks it is a URL)', () => {
    expect(resolveParams({ url: '{{ trigger.link }}' }, { trigger: { link: 'https://x.example/a b' } }, { url: encodeUrlComponent }).value).toEqual({ url: 'https://x.example/a b' });
  });
});

describe('json-string token encoding', () => {
  it('escapes quotes, backslashes and control characters so the body stays valid JSON with the same keys', () => {
    const evil = 'x", "admin": true, "y": "\\\n\u0001';
    expect(encodeJsonString(evil)).toBe('x\\", \\"admin\\": true, \\"y\\": \\"\\\\\\n\\u0001');
    const r = resolveParams({ body: '{"title": "{{ trigger.title }}", "n": {{ trigger.count }}}' }, { trigger: { title: evil, count: 3 } }, { body: encodeJsonString });
    const parsed = JSON.parse(String((r.value as { body: string }).body)) as Record<string, unknown>;
    expect(parsed).toEqual({ title: evil, n: 3 });
  });
});

describe('markdown token encoding (Teams)', () => {
  it('backslash-escapes emphasis, link and code characters', () => {
    expect(encodeMarkdown('[Reset](https://evil.example) *now* _x_ ~y~ `z` \\')).toBe('\\[Reset\\](https://evil.example) \\*now\\* \\_x\\_ \\~y\\~ \\`z\\` \\\\');
    expect(encodeMarkdown('plain text, 10.0.0.1')).toBe('plain text, 10.0.0.1');
  });
});

describe('slack-mrkdwn token encoding', () => {
  it('escapes & < > so a value cannot make links or mentions', () => {
    expect(encodeSlackMrkdwn('<!channel> <https://evil.example|click> & more')).toBe('&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; more');
  });
});

describe('header-value token encoding', () => {
  it('marks line breaks so a value cannot start a new header', () => {
    const r = resolveParams({ headers: 'X-Title: {{ trigger.title }}' }, { trigger: { title: 'a\r\nAuthorization: Bearer stolen' } }, { headers: encodeHeaderValue });
    expect(r.value).toEqual({ headers: 'X-Title: a\uFFFD\uFFFDAuthorization: Bearer stolen' });
    expect(String((r.value as { headers: string }).headers).split(/\r\n|\r|\n/)).toHaveLength(1);
  });
});
