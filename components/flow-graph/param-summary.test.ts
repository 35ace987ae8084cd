import { describe, expect, it } from 'vitest';
import { summariseParams } from './param-summary';

describe('summariseParams — hunting query', () => {
  it('shows the query and the saved columns by name', () => {
    const columns = [{ name: 'DeviceId', type: 'String' }, { name: 'DeviceName', type: 'String' }];
    expect(summariseParams('defender.runHuntingQuery', { query: 'DeviceInfo | take 5', api: 'graph', columns })).toEqual([
      'DeviceInfo | take 5',
      '2 columns: DeviceId, DeviceName',
    ]);
    expect(summariseParams('defender.runHuntingQuery', { query: '', api: 'mde' })).toEqual(['No query yet', 'api: mde']);
  });
});
