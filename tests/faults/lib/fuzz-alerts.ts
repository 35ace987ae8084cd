// Malformed alert payloads for the simulator's POST /_sim/alerts/{id}/malform: fields removed,
// retyped, nulled, huge, with bad dates and characters Postgres cannot store.
import fc from 'fast-check';
import { NASTY_NUMBERS } from './fuzz-values';

export interface Malformation {
  set: Record<string, unknown>;
  remove: string[];
}

const FIELDS = ['id', 'title', 'description', 'severity', 'status', 'category', 'alertCreationTime', 'lastUpdateTime', 'machineId', 'computerDnsName', 'incidentId', 'evidence', 'mitreTechniques', 'relatedUser', 'comments', 'assignedTo', 'classification', 'threatName'];

const BAD_DATES = ['not a date', '', '2026-13-45T99:99:99Z', '0000-00-00T00:00:00Z', '+275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z', '1970-01-01', '2999-01-01T00:00:00Z'];

const weird = fc.oneof(
  fc.constantFrom<unknown>(null, 0, -1, true, false, [], {}, [1, 'a', null], { nested: { deeper: [{}] } }, ...NASTY_NUMBERS),
  fc.constantFrom<unknown>(...BAD_DATES),
  // Huge strings (past every column and summary limit), NUL and unpaired surrogates.
  fc.constantFrom<unknown>('x'.repeat(300_000), 'a\u0000b', '\u0000', 'x\ud800y', '\udfff', '💥'.repeat(10_000), '{{ trigger.id }}', "'; DROP TABLE \"Run\"; --"),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);

export const malformation: fc.Arbitrary<Malformation> = fc
  .record({
    set: fc.dictionary(fc.constantFrom(...FIELDS, 'extraField', 'x'.repeat(300)), weird, { minKeys: 0, maxKeys: 4 }),
    remove: fc.subarray(FIELDS, { maxLength: 3 }),
  })
  .filter((m) => Object.keys(m.set).length + m.remove.length > 0);
