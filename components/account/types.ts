// What the account page passes to its client components (no server imports, dates as ISO strings).
import type { ActionResult } from '../action-result';

export interface SessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export interface SessionActions {
  revoke(sessionId: string): Promise<ActionResult<number>>;
  revokeOthers(): Promise<ActionResult<number>>;
  revokeAll(): Promise<ActionResult<number>>;
}
