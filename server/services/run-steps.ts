// A StepRun row as run detail and the API return it. Inputs are redacted when the executor
// records them; outputs come from Defender and the flow, so both are redacted again here, the
// last point before anything reaches a page or an API client.
import { redact } from '@/core/redact';
import type { StepDto } from '@/core/runs/step-dto';

export type { StepDto };

interface StepRow {
  nodeId: string;
  iteration: string;
  type: string;
  status: string;
  input: unknown;
  output: unknown;
  error: unknown;
  attempt: number;
  seq: number;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export function toStepDto(s: StepRow): StepDto {
  return {
    nodeId: s.nodeId,
    iteration: s.iteration,
    type: s.type,
    status: s.status,
    input: redact(s.input),
    output: redact(s.output),
    error: redact(s.error),
    attempt: s.attempt,
    seq: s.seq,
    startedAt: s.startedAt?.toISOString() ?? null,
    finishedAt: s.finishedAt?.toISOString() ?? null,
    durationMs: s.startedAt && s.finishedAt ? s.finishedAt.getTime() - s.startedAt.getTime() : null,
  };
}
