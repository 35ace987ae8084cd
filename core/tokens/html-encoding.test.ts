// Alert text put into an email's HTML by tokens stays text, also when the param is one token.
import { describe, expect, it } from 'vitest';
import { encodeHtml, encodeUrlComponent, resolveParams } from './resolve';

const trigger = { title: '<img src=x onerror="alert(1)">', description: `"><svg onload=alert(1)> & 'quoted'`, count: 3 };

describe('html token encoding', () => {
  it('escapes token values inside an HTML template', () => {
    const r = resolveParams({ html: '<p>{{ trigger.title }}</p>' }, { trigger }, { html: encodeHtml });
    expect(r.value).toEqual({ html: '<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>' });
  });

  it('escapes a param that is exactly one token, instead of passing the alert text as markup', () => {
    const r = resolveParams({ html: '{{ trigger.description }}' }, { trigger }, { html: encodeHtml });
    expect(r.value).toEqual({ html: '&quot;&gt;&lt;svg onload=alert(1)&gt; &amp; &#39;quoted&#39;' });
    expect(resolveParams({ html: '{{ trigger.count }}' }, { trigger }, { html: encodeHtml }).value).toEqual({ html: '3' });
  });

  it('leaves whole tokens of other encodings their type', () => {
    expect(resolveParams({ url: '{{ trigger.count }}' }, { trigger }, { url: encodeUrlComponent }).value).toEqual({ url: 3 });
  });
});
