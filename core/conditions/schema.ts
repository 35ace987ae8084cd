import { z } from 'zod';

/** Operator ids are part of the public flow format (Power Automate's twelve + three). */
export const OPERATOR_IDS = [
  'equals',
  'notEquals',
  'contains',
  'notContains',
  'greater',
  'greaterOrEquals',
  'less',
  'lessOrEquals',
  'startsWith',
  'notStartsWith',
  'endsWith',
  'notEndsWith',
  'isEmpty',
  'isNotEmpty',
  'in',
] as const;

export type OperatorId = (typeof OPERATOR_IDS)[number];

export const ZOperatorId = z.enum(OPERATOR_IDS);

/** `left`/`right` are unknown: literals or token strings, resolved before comparison. */
export const ZConditionRule = z.object({
  left: z.unknown(),
  operator: ZOperatorId,
  right: z.unknown().optional(),
  ignoreCase: z.boolean().optional(),
});

export type TConditionRule = z.infer<typeof ZConditionRule>;

export interface TConditionGroup {
  combinator: 'and' | 'or';
  rules: (TConditionRule | TConditionGroup)[];
}

/**
 * Recursive group. A rule is tried first; a group has no `operator`, so it falls through to
 * the lazy group branch. Declared as a ZodObject so the catalog can use it as a param schema.
 */
export const ZConditionGroup: z.ZodObject<{
  combinator: z.ZodEnum<{ and: 'and'; or: 'or' }>;
  rules: z.ZodArray<z.ZodUnion<[typeof ZConditionRule, z.ZodLazy<z.ZodType<TConditionGroup>>]>>;
}> = z.object({
  combinator: z.enum(['and', 'or']),
  rules: z.array(z.union([ZConditionRule, z.lazy((): z.ZodType<TConditionGroup> => ZConditionGroup)])),
});

export function isConditionGroup(value: TConditionRule | TConditionGroup): value is TConditionGroup {
  return 'combinator' in value;
}
