/**
 * In-memory ExecutionPorts for tests: a fixed-step clock, recorded steps, a log of
 * invocations and checkpoints (in call order, so tests can assert durability ordering).
 */
import { stepKey, type ExecutionPorts, type InvokeRequest, type StepRecord } from '../execution/types';

export type FakeHandler = (params: Record<string, unknown>, attempt: number) => unknown;

export interface FakePorts extends ExecutionPorts {
  steps: StepRecord[];
  /** Durable records: what had been recorded at the last checkpoint. */
  durable: StepRecord[];
  invocations: InvokeRequest[];
  /** Interleaved log: `invoke:<nodeId>`, `record:<nodeId>:<status>`, `checkpoint`. */
  events: string[];
}

export function createFakePorts(handlers: Record<string, FakeHandler>, start = Date.UTC(2026, 0, 15, 10, 0, 0)): FakePorts {
  let tick = 0;
  const ports: FakePorts = {
    steps: [],
    durable: [],
    invocations: [],
    events: [],
    async invoke(req) {
      ports.invocations.push(req);
      ports.events.push(`invoke:${req.nodeId}`);
      const handler = Object.hasOwn(handlers, req.nodeId) ? handlers[req.nodeId] : handlers[req.type];
      if (handler === undefined) throw new Error(`No fake handler for ${req.nodeId} (${req.type})`);
      return handler(req.params, req.attempt);
    },
    record(step) {
      ports.steps.push(step);
      ports.events.push(`record:${step.iteration === '' ? step.nodeId : `${step.nodeId}@${step.iteration}`}:${step.status}`);
    },
    async checkpoint() {
      ports.durable = [...ports.steps];
      ports.events.push('checkpoint');
    },
    now() {
      tick += 1;
      return new Date(start + tick * 10);
    },
  };
  return ports;
}

/** Steps keyed by node id and iteration, as the server passes them back as `previous`. */
export function stepsByNode(steps: StepRecord[]): Map<string, StepRecord> {
  return new Map(steps.map((s) => [stepKey(s.nodeId, s.iteration), s]));
}
