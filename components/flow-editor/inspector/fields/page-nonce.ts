/**
 * The CSP nonce this page was served with (proxy.ts makes one per request; Next.js puts it on
 * every <script> it writes). CodeMirror mounts its styles as a runtime <style> element, which
 * the policy (`style-src 'self' 'nonce-…'`) refuses without it: the editor then renders with no
 * styles at all (gutter stacked above the code, no monospace, no highlighting).
 * Browsers hide the attribute's value from getAttribute once parsed; the `nonce` property keeps it.
 */
export function pageNonce(doc: Pick<Document, 'querySelectorAll'> | undefined = typeof document === 'undefined' ? undefined : document): string | undefined {
  if (doc === undefined) return undefined;
  for (const el of doc.querySelectorAll<HTMLScriptElement>('script[nonce]')) {
    if (el.nonce) return el.nonce;
  }
  return undefined;
}
