import { compare, isEmptyValue, looseEquals, toList, toText } from './coerce';
import type { OperatorId } from './schema';

export interface OperatorDef {
  id: OperatorId;
  /** Label in the designer, Power Automate wording. */
  label: string;
  /** false for isEmpty / isNotEmpty, which ignore `right`. */
  needsRight: boolean;
  /** Orders its operands (the checker rejects boolean/object/array tokens for these). */
  numeric: boolean;
  /** `right` is a list (array or comma-separated text). */
  listRight: boolean;
  evaluate(left: unknown, right: unknown, ignoreCase: boolean): boolean;
}

function contains(left: unknown, right: unknown, ignoreCase: boolean): boolean {
  if (left === undefined || left === null) return false;
  if (Array.isArray(left)) return left.some((item) => looseEquals(item, right, ignoreCase));
  return toText(left, ignoreCase).includes(toText(right, ignoreCase));
}

function startsWith(left: unknown, right: unknown, ignoreCase: boolean): boolean {
  if (left === undefined || left === null) return false;
  return toText(left, ignoreCase).startsWith(toText(right, ignoreCase));
}

function endsWith(left: unknown, right: unknown, ignoreCase: boolean): boolean {
  if (left === undefined || left === null) return false;
  return toText(left, ignoreCase).endsWith(toText(right, ignoreCase));
}

const binary = { needsRight: true, numeric: false, listRight: false } as const;
const ordering = { needsRight: true, numeric: true, listRight: false } as const;

export const OPERATORS = {
  equals: { id: 'equals', label: 'is equal to', ...binary, evaluate: looseEquals },
  notEquals: {
    id: 'notEquals',
    label: 'is not equal to',
    ...binary,
    evaluate: (l, r, ic) => !looseEquals(l, r, ic),
  },
  contains: { id: 'contains', label: 'contains', ...binary, evaluate: contains },
  notContains: {
    id: 'notContains',
    label: 'does not contain',
    ...binary,
    evaluate: (l, r, ic) => !contains(l, r, ic),
  },
  greater: { id: 'greater', label: 'is greater than', ...ordering, evaluate: (l, r, ic) => compare(l, r, ic) > 0 },
  greaterOrEquals: {
    id: 'greaterOrEquals',
    label: 'is greater than or equal to',
    ...ordering,
    evaluate: (l, r, ic) => compare(l, r, ic) >= 0,
  },
  less: { id: 'less', label: 'is less than', ...ordering, evaluate: (l, r, ic) => compare(l, r, ic) < 0 },
  lessOrEquals: {
    id: 'lessOrEquals',
    label: 'is less than or equal to',
    ...ordering,
    evaluate: (l, r, ic) => compare(l, r, ic) <= 0,
  },
  startsWith: { id: 'startsWith', label: 'starts with', ...binary, evaluate: startsWith },
  notStartsWith: {
    id: 'notStartsWith',
    label: 'does not start with',
    ...binary,
    evaluate: (l, r, ic) => !startsWith(l, r, ic),
  },
  endsWith: { id: 'endsWith', label: 'ends with', ...binary, evaluate: endsWith },
  notEndsWith: {
    id: 'notEndsWith',
    label: 'does not end with',
    ...binary,
    evaluate: (l, r, ic) => !endsWith(l, r, ic),
  },
  isEmpty: {
    id: 'isEmpty',
    label: 'is empty',
    needsRight: false,
    numeric: false,
    listRight: false,
    evaluate: (l) => isEmptyValue(l),
  },
  isNotEmpty: {
    id: 'isNotEmpty',
    label: 'is not empty',
    needsRight: false,
    numeric: false,
    listRight: false,
    evaluate: (l) => !isEmptyValue(l),
  },
  in: {
    id: 'in',
    label: 'is one of',
    needsRight: true,
    numeric: false,
    listRight: true,
    evaluate: (l, r, ic) => toList(r).some((item) => looseEquals(l, item, ic)),
  },
} satisfies Record<OperatorId, OperatorDef>;

export function getOperator(id: string): OperatorDef | undefined {
  return Object.hasOwn(OPERATORS, id) ? OPERATORS[id as OperatorId] : undefined;
}
