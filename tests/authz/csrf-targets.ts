// Real ids for the CSRF test's `{id}` segments, so a request that got through WOULD change
// something (and the database fingerprint would show it). Keyed by the collection before `{id}`:
// a new `/api/v1/<collection>/{id}/…` route needs one line here.
export interface CsrfFixtures {
  connectionId: string;
  flowId: string;
  runId: string;
  tokenId: string;
  userId: string;
}

export const REAL_IDS: Record<string, (fx: CsrfFixtures) => string> = {
  connections: (fx) => fx.connectionId,
  flows: (fx) => fx.flowId,
  runs: (fx) => fx.runId,
  tokens: (fx) => fx.tokenId,
  users: (fx) => fx.userId,
};

/** `/api/v1/flows/{id}/publish` → { id: flowId }; throws naming the route if no real id is known. */
export function realParams(urlPath: string, params: string[], fx: CsrfFixtures): Record<string, string> {
  const segments = urlPath.split('/');
  return Object.fromEntries(
    params.map((p) => {
      const collection = segments[segments.indexOf(`{${p}}`) - 1] ?? '';
      const pick = REAL_IDS[collection];
      if (!pick) throw new Error(`tests/authz/csrf-targets.ts: add REAL_IDS['${collection}'] for {${p}} of ${urlPath}`);
      return [p, pick(fx)];
    }),
  );
}
