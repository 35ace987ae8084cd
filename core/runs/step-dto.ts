// One step of a run as run detail, the API and the run pages see it (shared by server and components).
export interface StepDto {
  nodeId: string;
  /** '' outside loops; the item index inside a for-each ("2", or "2/0" when nested). */
  iteration: string;
  type: string;
  status: string;
  input: unknown;
  output: unknown;
  error: unknown;
  attempt: number;
  seq: number;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
}
