/**
 * Public surface of the domain package for server/, worker/ and the UI.
 * (core/testing/* is deliberately not re-exported: import it directly from tests and seeds.)
 */
export * from './flow/schema';
export * from './flow/graph';
export { checkFlow, type CheckResult, type FlowIssue } from './flow/check';
export * from './catalog/index';
export * from './tokens/parse';
export { findTokens, type FoundToken } from './tokens/find';
export { resolveValue, resolveRef, stringify, type ResolveResult } from './tokens/resolve';
export * from './conditions/schema';
export { OPERATORS, getOperator, type OperatorDef } from './conditions/operators';
export { evaluateCondition, type ConditionResult, type ConditionTrace } from './conditions/evaluate';
export * from './defender/entities';
export * from './errors';
export * from './redact';
export { executeRun, stepKey, type LoopItemResult } from './execution/execute';
export type * from './execution/types';
export * from './execution/trigger';
