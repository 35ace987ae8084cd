// Collects Content Security Policy violations in a page: the console errors Chromium prints for
// them and the `securitypolicyviolation` events (an init script runs outside the page's CSP, so
// it can listen from the first byte). A violation means a page needs something the policy refuses
// (broken for users) or that markup was injected (XSS) — either way a test failure.
import type { Page } from '@playwright/test';

export interface CspWatch {
  /** Everything seen so far, console messages and violation events. */
  violations(): Promise<string[]>;
}

export async function watchCsp(page: Page): Promise<CspWatch> {
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) consoleErrors.push(`console: ${msg.text()}`);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations?: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations?.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} (${e.sample})`);
    });
  });
  return {
    async violations() {
      const events = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []).catch(() => []);
      return [...consoleErrors, ...events.map((e) => `event: ${e}`)];
    },
  };
}
