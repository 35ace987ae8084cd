'use client';
// One rule: left value | operator | right value, plus "Ignore case". Both values accept tokens.
import { OPERATOR_IDS, type TConditionRule } from '@/core/conditions/schema';
import { getOperator, OPERATORS } from '@/core/conditions/operators';
import { FieldMessageList, type FieldMessages } from '../field-shell';
import { InspectorIcon } from '../icons';
import { borderClass, iconButtonClass, inputClass } from '../styles';
import { TokenTextField, type TokenEnv } from './token-text-field';

interface ConditionRowProps {
  id: string;
  /** "2.1" — used in accessible names so each control is distinguishable. */
  number: string;
  rule: TConditionRule;
  env: TokenEnv;
  readOnly: boolean;
  messages: FieldMessages;
  /** `typing` names the operand being typed in, so keystrokes coalesce into one undo step. */
  onChange(patch: Partial<TConditionRule>, typing?: 'left' | 'right'): void;
  onRemove(): void;
}

/** Operands are literals or token strings; a list or number typed earlier is shown as text. */
export function operandText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(operandText).join(', ');
  return JSON.stringify(value);
}

export function ConditionRow({ id, number, rule, env, readOnly, messages, onChange, onRemove }: ConditionRowProps) {
  const operator = getOperator(rule.operator);
  const invalid = messages.errors.length > 0;
  return (
    <div role="group" aria-label={`Rule ${number}`} className={`space-y-1.5 rounded-lg border bg-white p-2 shadow-xs ${invalid ? 'border-red-300' : 'border-slate-200'}`}>
      <div className="flex items-center gap-2">
        <span className="text-[11px] font-semibold tracking-wide text-slate-400 uppercase">Rule {number}</span>
        <label className="ml-auto inline-flex items-center gap-1.5 text-xs text-slate-600">
          <input
            type="checkbox"
            checked={rule.ignoreCase === true}
            disabled={readOnly}
            aria-label={`Rule ${number}: ignore case`}
            onChange={(e) => onChange({ ignoreCase: e.target.checked })}
            className="h-3.5 w-3.5 rounded border-slate-300 accent-indigo-600"
          />
          Ignore case
        </label>
        {!readOnly && (
          <button type="button" aria-label={`Remove rule ${number}`} title="Remove rule" onClick={onRemove} className={iconButtonClass}>
            <InspectorIcon name="trash" />
          </button>
        )}
      </div>
      <TokenTextField
        id={`${id}-left`}
        ariaLabel={`Rule ${number}: value`}
        placeholder="Choose a value"
        value={operandText(rule.left)}
        onChange={(next) => onChange({ left: next }, 'left')}
        env={env}
        readOnly={readOnly}
      />
      <select
        id={`${id}-op`}
        aria-label={`Rule ${number}: operator`}
        value={rule.operator}
        disabled={readOnly}
        onChange={(e) => onChange({ operator: e.target.value as TConditionRule['operator'] })}
        className={`${inputClass} ${borderClass(operator === undefined)} py-1.5 pr-8`}
      >
        {operator === undefined && <option value={rule.operator}>{String(rule.operator)} (unknown)</option>}
        {OPERATOR_IDS.map((op) => (
          <option key={op} value={op}>
            {OPERATORS[op].label}
          </option>
        ))}
      </select>
      {operator?.needsRight !== false && (
        <div className="space-y-1">
          <TokenTextField
            id={`${id}-right`}
            ariaLabel={`Rule ${number}: compare with`}
            placeholder={operator?.listRight ? 'High, Medium' : 'Choose a value'}
            value={operandText(rule.right)}
            onChange={(next) => onChange({ right: next }, 'right')}
            env={env}
            readOnly={readOnly}
            describedBy={operator?.listRight ? `${id}-list-hint` : undefined}
          />
          {operator?.listRight && (
            <p id={`${id}-list-hint`} className="text-[11px] text-slate-500">
              A list: separate the values with commas.
            </p>
          )}
        </div>
      )}
      <FieldMessageList messages={messages} />
    </div>
  );
}
