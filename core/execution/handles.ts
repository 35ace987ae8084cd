/**
 * Which output handle a step took, from what its StepRun row records (status and output). The
 * executor routes with it, and run detail uses the same function to highlight the edges a run
 * took, so the two can never disagree (and old runs need no extra column).
 */
import { APPROVAL_TYPE } from '../catalog/control-approval';
import { DEDUPLICATE_TYPE } from '../catalog/control-deduplicate';
import { switchHandle } from './control';

const FOR_EACH = 'control.forEach';

const field = (output: unknown, key: string): unknown =>
  output !== null && typeof output === 'object' ? (output as Record<string, unknown>)[key] : undefined;

/** The handle a succeeded step takes (`kind` is the catalog kind: condition steps share one rule). */
export function handleOnSuccess(type: string, kind: string, output: unknown): string {
  if (kind === 'condition') return field(output, 'result') === true ? 'true' : 'false';
  switch (type) {
    case 'control.switch':
      return switchHandle(output);
    case FOR_EACH:
      return 'done';
    case DEDUPLICATE_TYPE:
      return field(output, 'duplicate') === true ? 'duplicate' : 'out';
    case APPROVAL_TYPE:
      return field(output, 'outcome') === 'approved' ? 'approved' : 'rejected';
    default:
      return 'out';
  }
}

/**
 * The handle a recorded step took, or undefined when it took none yet (skipped, waiting, a try
 * awaiting its retry). A failed step takes `error`; its branch runs only where an edge exists.
 */
export function handleTaken(step: { type: string; status: string; output: unknown }, kind: string): string | undefined {
  if (step.status === 'succeeded') return kind === 'trigger' ? 'out' : handleOnSuccess(step.type, kind, step.output);
  if (step.status === 'failed') return 'error';
  return undefined;
}
