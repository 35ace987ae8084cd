import { describe, expect, it } from 'vitest';
import { applyFilter, ODataFilterError, parseFilter, type FieldSchema } from './odata-filter';

const schema: FieldSchema = { alertCreationTime: 'date', severity: 'string', status: 'string', incidentId: 'number' };
const records = [
  { alertCreationTime: '2024-01-01T00:00:00Z', severity: 'High', status: 'New', incidentId: 1 },
  { alertCreationTime: '2024-01-02T00:00:00Z', severity: 'Low', status: 'New', incidentId: 2 },
  { alertCreationTime: '2024-01-03T00:00:00.500Z', severity: 'High', status: 'Resolved', incidentId: 3 },
];
const run = (filter: string) => applyFilter(records, parseFilter(filter, schema), schema).map((r) => r.incidentId);

describe('OData $filter subset', () => {
  it('compares unquoted date-times with ge and gt', () => {
    expect(run('alertCreationTime ge 2024-01-02T00:00:00Z')).toEqual([2, 3]);
    expect(run('alertCreationTime gt 2024-01-02T00:00:00.000Z')).toEqual([3]);
  });

  it('joins clauses with and, case-insensitive on values and property names', () => {
    expect(run("severity eq 'High' and Status eq 'new'")).toEqual([1]);
    expect(run("alertCreationTime ge 2024-01-01T00:00:00Z and severity eq 'High'")).toEqual([1, 3]);
  });

  it('supports in lists, ne and doubled quotes', () => {
    expect(run("status in ('New','Pending')")).toEqual([1, 2]);
    expect(run("severity ne 'High'")).toEqual([2]);
    expect(parseFilter("severity eq 'O''Brien'", schema)[0].values).toEqual(["O'Brien"]);
  });

  it.each([
    ['unknown property', "colour eq 'red'"],
    ['bad operator', "severity like 'H'"],
    ['bad date', 'alertCreationTime ge yesterday'],
    ['or is not supported', "severity eq 'High' or severity eq 'Low'"],
    ['unterminated string', "severity eq 'High"],
    ['missing value', 'severity eq'],
  ])('rejects %s', (_label, filter) => {
    expect(() => parseFilter(filter, schema)).toThrow(ODataFilterError);
  });
});
