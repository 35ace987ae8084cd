// The Run code step: its params arrive resolved and validated by the executor (inputs are the
// values of their tokens, never text spliced into the code); the sandbox runs the code.
import { RUN_CODE_LIMITS } from '@/core/catalog/run-code-fields';
import { runCode } from '@/server/sandbox/run-code';

function inputObject(list: unknown): Record<string, unknown> {
  // A null-prototype object, so an input named like an Object.prototype member is just data.
  const input: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  if (!Array.isArray(list)) return input;
  for (const entry of list as { name?: unknown; value?: unknown }[]) {
    if (typeof entry.name === 'string') input[entry.name.trim()] = entry.value === undefined ? null : entry.value;
  }
  return input;
}

export async function runCodeAction(p: Record<string, unknown>): Promise<unknown> {
  return runCode({
    code: typeof p.code === 'string' ? p.code : '',
    input: inputObject(p.inputs),
    timeoutMs: typeof p.timeoutMs === 'number' ? p.timeoutMs : RUN_CODE_LIMITS.defaultTimeoutMs,
    memoryMb: typeof p.memoryMb === 'number' ? p.memoryMb : RUN_CODE_LIMITS.defaultMemoryMb,
  });
}
