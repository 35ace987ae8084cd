// The nonce CodeMirror's runtime <style> needs is read from the page's own nonce'd scripts.
import { describe, expect, it } from 'vitest';
import { pageNonce } from './page-nonce';

function fakeDoc(nonces: string[]): Pick<Document, 'querySelectorAll'> {
  const els = nonces.map((nonce) => ({ nonce }));
  return { querySelectorAll: ((selector: string) => (selector === 'script[nonce]' ? els : [])) as unknown as Document['querySelectorAll'] };
}

describe('pageNonce', () => {
  it("returns the first script's nonce property (the attribute itself reads empty once parsed)", () => {
    expect(pageNonce(fakeDoc(['', 'bm9uY2U=', 'other']))).toBe('bm9uY2U=');
  });

  it('is undefined without a document (server render) or without nonce scripts', () => {
    expect(pageNonce(undefined)).toBeUndefined();
    expect(pageNonce(fakeDoc([]))).toBeUndefined();
    expect(pageNonce(fakeDoc(['']))).toBeUndefined();
  });
});
