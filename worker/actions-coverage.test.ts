// Every catalog entry of kind 'action' has an implementation in the worker's actions table, and
// the table implements nothing the catalog does not declare as an action: a step the designer
// offers can never be a stub that fails with "No implementation" at run time.
import { describe, expect, it } from 'vitest';
import { NODE_CATALOG } from '@/core/catalog/index';
import { IMPLEMENTED_ACTION_TYPES } from './actions';

const catalogActions = Object.values(NODE_CATALOG).filter((d) => d.kind === 'action').map((d) => d.type).sort();

describe('worker actions table', () => {
  it('implements every catalog action', () => {
    const missing = catalogActions.filter((type) => !IMPLEMENTED_ACTION_TYPES.includes(type));
    expect(missing).toEqual([]);
    expect(catalogActions.length).toBeGreaterThan(50);
  });

  it('implements only catalog actions (no triggers, control steps or unknown types)', () => {
    expect([...IMPLEMENTED_ACTION_TYPES].sort()).toEqual(catalogActions);
  });
});
