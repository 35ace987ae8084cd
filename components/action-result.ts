// The result every server action returns. Lives in components/ (types only) so client
// components can consume it without importing anything from server/.
export type ActionResult<T = undefined> = { ok: true; data: T } | { ok: false; error: string; details?: unknown };
export type ActionFailure = Extract<ActionResult, { ok: false }>;
