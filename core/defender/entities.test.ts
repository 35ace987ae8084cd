import { describe, it, expect } from 'vitest';
import { buildAlert, buildMachineAction } from '../testing/builders';
import { ZMachineAction, ZMdeAlert } from './entities';

describe('MDE entities', () => {
  it('parse a full alert and keep unknown fields', () => {
    const alert = ZMdeAlert.parse({ ...buildAlert(), detectorId: 'd1', futureField: { a: 1 } });
    expect(alert.severity).toBe('High');
    expect(alert).toMatchObject({ detectorId: 'd1', futureField: { a: 1 } });
  });

  it('accept a sparse alert with nulls but require an id', () => {
    expect(ZMdeAlert.safeParse({ id: 'x', title: null, evidence: null }).success).toBe(true);
    expect(ZMdeAlert.safeParse({ title: 'no id' }).success).toBe(false);
  });

  it('parse a machine action', () => {
    expect(ZMachineAction.parse({ ...buildMachineAction(), commands: [] })).toMatchObject({ type: 'Isolate', status: 'Pending', commands: [] });
  });
});
