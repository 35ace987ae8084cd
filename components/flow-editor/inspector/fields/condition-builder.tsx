'use client';
/**
 * The condition card users know from Power Automate (C.2): rows `value | operator | value`,
 * nested AND/OR groups, "Add row" / "Add group", a per-row "Ignore case" switch. Used for the
 * condition node (whose params ARE the group) and for the trigger's optional filter.
 */
import type { TConditionGroup, TConditionRule } from '@/core/conditions/schema';
import type { FlowIssue } from '@/core/flow/issues';
import { addItem, isGroupLike, issuePathOf, removeItem, ruleNumber, setCombinator, updateRule, type RulePath } from '../condition-model';
import { issuesAt, issuesUnder } from '../field-validation';
import { FieldMessageList, type FieldMessages } from '../field-shell';
import { InspectorIcon } from '../icons';
import { iconButtonClass, smallButtonClass } from '../styles';
import { ConditionRow } from './condition-row';
import type { TokenEnv } from './token-text-field';

/** Groups nest this deep at most: deeper logic is unreadable in a side panel. */
const MAX_DEPTH = 3;

export interface ConditionBuilderProps {
  id: string;
  group: TConditionGroup;
  /** `undoGroup` is set for typing, so keystrokes in one operand coalesce into one undo step. */
  onChange(next: TConditionGroup, undoGroup?: string): void;
  env: TokenEnv;
  readOnly: boolean;
  nodeId: string;
  issues: FlowIssue[];
  /** Where the group sits in the node's params: [] for the condition node, ['filter'] for the trigger. */
  basePath: string[];
}

export function messagesOf(issues: FlowIssue[]): FieldMessages {
  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    errors: uniq(issues.filter((i) => i.severity === 'error').map((i) => i.message)),
    warnings: uniq(issues.filter((i) => i.severity === 'warning').map((i) => i.message)),
  };
}

export function ConditionBuilder(props: ConditionBuilderProps) {
  return <GroupEditor {...props} path={[]} />;
}

function GroupEditor(props: ConditionBuilderProps & { path: RulePath }) {
  const { group: root, path, readOnly } = props;
  const group = path.length === 0 ? root : itemAt(root, path);
  if (group === undefined || !isGroupLike(group)) return null;
  const depth = path.length;
  const issuePath = [...props.basePath, ...issuePathOf(path)];
  const own = [...issuesAt(props.issues, props.nodeId, issuePath), ...issuesUnder(props.issues, props.nodeId, [...issuePath, 'combinator'])];
  const name = depth === 0 ? 'the rules' : `group ${ruleNumber(path)}`;
  const combinatorId = `${props.id}-g${path.join('-')}-comb`;

  return (
    <div
      role="group"
      aria-label={depth === 0 ? 'Rules' : `Group ${ruleNumber(path)}`}
      className={depth === 0 ? 'space-y-2' : 'space-y-2 rounded-lg border border-dashed border-slate-300 bg-slate-50/60 p-2'}
    >
      <div className="flex items-center gap-2">
        <span id={combinatorId} className="text-xs text-slate-500">
          Match
        </span>
        <div role="radiogroup" aria-labelledby={combinatorId} className="inline-flex rounded-md bg-slate-100 p-0.5">
          {(['and', 'or'] as const).map((c) => (
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={group.combinator === c}
              disabled={readOnly}
              onClick={() => props.onChange(setCombinator(root, path, c))}
              className={`rounded px-2 py-0.5 text-xs font-semibold ${
                group.combinator === c ? 'bg-white text-indigo-700 shadow-xs' : 'text-slate-500 hover:text-slate-700'
              }`}
            >
              {c === 'and' ? 'All (AND)' : 'Any (OR)'}
            </button>
          ))}
        </div>
        {depth > 0 && !readOnly && (
          <button
            type="button"
            aria-label={`Remove group ${ruleNumber(path)}`}
            title="Remove group"
            onClick={() => props.onChange(removeItem(root, path))}
            className={`${iconButtonClass} ml-auto`}
          >
            <InspectorIcon name="trash" />
          </button>
        )}
      </div>
      <FieldMessageList messages={messagesOf(own)} />
      {group.rules.length === 0 && (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-xs text-slate-500">
          No rules yet in {name}. Add a row to compare a value.
        </p>
      )}
      <ol className="space-y-2">
        {group.rules.map((item, i) => {
          const itemPath = [...path, i];
          return (
            <li key={i}>
              {i > 0 && (
                <p aria-hidden="true" className="mb-2 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">
                  {group.combinator}
                </p>
              )}
              {isGroupLike(item) ? (
                <GroupEditor {...props} path={itemPath} />
              ) : (
                <ConditionRow
                  id={`${props.id}-r${itemPath.join('-')}`}
                  number={ruleNumber(itemPath)}
                  rule={item}
                  env={props.env}
                  readOnly={readOnly}
                  messages={messagesOf(issuesUnder(props.issues, props.nodeId, [...props.basePath, ...issuePathOf(itemPath)]))}
                  onChange={(patch: Partial<TConditionRule>, typing?: string) =>
                    props.onChange(
                      updateRule(root, itemPath, patch),
                      typing === undefined ? undefined : ['params', ...props.basePath, ...issuePathOf(itemPath), typing].join('.'),
                    )
                  }
                  onRemove={() => props.onChange(removeItem(root, itemPath))}
                />
              )}
            </li>
          );
        })}
      </ol>
      {!readOnly && (
        <div className="flex gap-1">
          <button type="button" className={smallButtonClass} onClick={() => props.onChange(addItem(root, path, 'rule'))}>
            <InspectorIcon name="plus" /> Add row
          </button>
          {depth < MAX_DEPTH - 1 && (
            <button type="button" className={smallButtonClass} onClick={() => props.onChange(addItem(root, path, 'group'))}>
              <InspectorIcon name="group" /> Add group
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function itemAt(group: TConditionGroup, path: RulePath): TConditionGroup | TConditionRule | undefined {
  let current: TConditionGroup | TConditionRule | undefined = group;
  for (const i of path) {
    if (current === undefined || !isGroupLike(current)) return undefined;
    current = current.rules[i];
  }
  return current;
}
