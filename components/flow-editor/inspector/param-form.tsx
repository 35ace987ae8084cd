'use client';
/**
 * The form generated from the node type's param schema: one widget per field, with the
 * checker's issues for that param and the field's own validation (on blur) shown inline.
 */
import { useState } from 'react';
import type { NodeTypeDef } from '@/core/catalog/types';
import type { FlowIssue } from '@/core/flow/issues';
import type { TFlowNode } from '@/core/flow/schema';
import type { ConnectionOption } from '../types';
import { asGroup } from './condition-model';
import { issuesUnder, validateLiteral } from './field-validation';
import { describedBy, FieldShell, type FieldMessages } from './field-shell';
import { ConditionBuilder, messagesOf } from './fields/condition-builder';
import { CasesField } from './fields/cases-field';
import { CodeEditorField } from './fields/code-editor-field';
import { CodeInputsField } from './fields/code-inputs-field';
import { CodeOutputsField } from './fields/code-outputs-field';
import { ColumnsField, type GetColumns } from './fields/columns-field';
import { ConnectionField } from './fields/connection-field';
import { KqlField } from './fields/kql-field';
import { JsonValueField } from './fields/json-value-field';
import { RecipientsField } from './fields/recipients-field';
import { ScheduleField } from './fields/schedule-field';
import { BooleanField, EnumField, NumberField } from './fields/simple-fields';
import { TokenTextField, type TokenEnv } from './fields/token-text-field';
import { fieldsFor, type FieldSpec } from './param-fields';
import { smallButtonClass } from './styles';

interface ParamFormProps {
  node: TFlowNode;
  def: NodeTypeDef;
  env: TokenEnv;
  connections: ConnectionOption[];
  issues: FlowIssue[];
  readOnly: boolean;
  /** This node's output in the latest run (hunting columns infer from it). */
  sample?: unknown;
  /** Runs a hunting step's query once for its columns (absent: no button). */
  getColumns?: GetColumns;
  onParams(params: Record<string, unknown>, group?: string): void;
}

function read(params: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(params, key) ? params[key] : undefined;
}

export function ParamForm({ node, def, env, connections, issues, readOnly, sample, getColumns, onParams }: ParamFormProps) {
  // Messages from validating what the user typed, set on blur and cleared as soon as it is fixed.
  const [blurErrors, setBlurErrors] = useState<Record<string, string | undefined>>({});
  const fields = fieldsFor(def);

  return (
    <div className="space-y-5">
      {fields.map((field) => {
        const id = `insp-${node.id}-${field.root ? (field.widget === 'schedule' ? 'schedule' : 'condition') : field.key}`;
        const value = field.root ? node.params : read(node.params, field.key);
        const fieldIssues = field.root ? [] : issuesUnder(issues, node.id, [field.key]);
        const fromChecker = messagesOf(fieldIssues);
        const local = blurErrors[field.key];
        // "Required" from the blur check repeats the checker's "needs …": show one of them.
        const showLocal = local !== undefined && !(local === 'Required' && fieldIssues.some((i) => i.code === 'MissingParam'));
        // When the local message names the bad value, the checker's generic "not valid" repeats it.
        const checkerErrors = showLocal
          ? messagesOf(fieldIssues.filter((i) => i.code !== 'InvalidParam')).errors
          : fromChecker.errors;
        const messages: FieldMessages = {
          errors: showLocal ? [local, ...checkerErrors] : checkerErrors,
          warnings: fromChecker.warnings,
        };
        const invalid = messages.errors.length > 0;

        const set = (next: unknown, group?: string) => {
          onParams(field.root ? (next as Record<string, unknown>) : { ...node.params, [field.key]: next }, group);
          if (blurErrors[field.key] !== undefined) setBlurErrors((e) => ({ ...e, [field.key]: validateLiteral(field, next) }));
        };
        const blur = (current: unknown = value) => setBlurErrors((e) => ({ ...e, [field.key]: validateLiteral(field, current) }));
        const common = { id, readOnly, invalid, required: field.required, describedBy: describedBy(id, field.description, messages) };

        return (
          <FieldShell
            key={field.key || 'root'}
            id={id}
            fieldKey={field.root ? (field.widget === 'schedule' ? 'schedule' : 'condition') : field.key}
            title={field.title}
            required={field.required && !field.root}
            description={field.description}
            messages={messages}
            labelAs={field.widget === 'condition' || field.widget === 'schedule' || field.widget === 'columns' || field.widget === 'codeInputs' || field.widget === 'codeOutputs' ? 'legend' : 'label'}
          >
            {renderWidget(field, value, common, { env, connections, node, issues, set, blur, sample, getColumns })}
          </FieldShell>
        );
      })}
    </div>
  );
}

interface WidgetContext {
  env: TokenEnv;
  connections: ConnectionOption[];
  node: TFlowNode;
  issues: FlowIssue[];
  set(next: unknown, group?: string): void;
  blur(current?: unknown): void;
  sample?: unknown;
  getColumns?: GetColumns;
}

function renderWidget(
  field: FieldSpec,
  value: unknown,
  common: { id: string; readOnly: boolean; invalid: boolean; required: boolean; describedBy?: string },
  ctx: WidgetContext,
) {
  const typingGroup = `params.${field.key}`;
  switch (field.widget) {
    case 'text':
    case 'multiline':
      return (
        <TokenTextField
          {...common}
          value={typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)}
          multiline={field.widget === 'multiline'}
          env={ctx.env}
          onChange={(next) => ctx.set(next, typingGroup)}
          onBlur={() => ctx.blur()}
        />
      );
    case 'number':
      return <NumberField {...common} value={value} onChange={(next) => ctx.set(next, typingGroup)} onBlur={() => ctx.blur()} />;
    case 'enum':
      return (
        <EnumField
          {...common}
          value={value}
          options={field.options ?? []}
          defaultValue={field.defaultValue}
          onChange={(next) => ctx.set(next)}
          onBlur={() => ctx.blur()}
        />
      );
    case 'boolean':
      return <BooleanField {...common} value={value} defaultValue={field.defaultValue} onChange={(next) => ctx.set(next)} />;
    case 'connection':
      return (
        <ConnectionField
          {...common}
          value={value}
          kind={field.connectionKind}
          connections={ctx.connections}
          onChange={(next) => ctx.set(next)}
          onBlur={() => ctx.blur()}
        />
      );
    case 'kql':
      return <KqlField {...common} value={value} env={ctx.env} onChange={(next) => ctx.set(next, typingGroup)} onBlur={() => ctx.blur()} />;
    case 'recipients':
      return <RecipientsField {...common} value={value} env={ctx.env} onChange={(next) => ctx.set(next)} onBlur={(current) => ctx.blur(current)} />;
    case 'condition':
      return <ConditionWidget field={field} value={value} common={common} ctx={ctx} />;
    case 'schedule':
      return <ScheduleField id={common.id} params={ctx.node.params} readOnly={common.readOnly} nodeId={ctx.node.id} issues={ctx.issues} onChange={(next, group) => ctx.set(next, group)} />;
    case 'cases':
      return <CasesField {...common} value={value} onChange={(next, group) => ctx.set(next, group)} onBlur={() => ctx.blur()} />;
    case 'columns':
      return <ColumnsField id={common.id} params={ctx.node.params} sample={ctx.sample} readOnly={common.readOnly} getColumns={ctx.getColumns} describedBy={common.describedBy} onChange={(next) => ctx.set(next)} />;
    case 'code':
      return <CodeEditorField {...common} value={value} onChange={(next) => ctx.set(next, typingGroup)} onBlur={() => ctx.blur()} />;
    case 'codeInputs':
      return <CodeInputsField {...common} value={value} env={ctx.env} onChange={(next, group) => ctx.set(next, group)} onBlur={() => ctx.blur()} />;
    case 'codeOutputs':
      return <CodeOutputsField {...common} value={value} sample={ctx.sample} onChange={(next, group) => ctx.set(next, group)} onBlur={() => ctx.blur()} />;
    case 'json':
      return <JsonValueField {...common} value={value} env={ctx.env} onChange={(next, group) => ctx.set(next, group)} onBlur={() => ctx.blur()} />;
  }
}

/** The condition node edits its whole params; an optional condition (trigger filter) can be off. */
function ConditionWidget({ field, value, common, ctx }: { field: FieldSpec; value: unknown; common: { id: string; readOnly: boolean }; ctx: WidgetContext }) {
  const optional = !field.root && !field.required;
  const off = value === undefined || value === null;
  if (optional && off) {
    return (
      <div className="flex items-center justify-between gap-2 rounded-lg border border-dashed border-slate-300 px-3 py-2">
        <span className="text-xs text-slate-500">No filter: every alert starts a run.</span>
        {!common.readOnly && (
          <button type="button" className={smallButtonClass} onClick={() => ctx.set({ combinator: 'and', rules: [{ left: '', operator: 'equals', right: '' }] })}>
            Add a filter
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="space-y-2">
      <ConditionBuilder
        id={common.id}
        group={asGroup(value)}
        onChange={(next, group) => ctx.set(next, group)}
        env={ctx.env}
        readOnly={common.readOnly}
        nodeId={ctx.node.id}
        issues={ctx.issues}
        basePath={field.root ? [] : [field.key]}
      />
      {optional && !common.readOnly && (
        <button type="button" className={`${smallButtonClass} text-slate-500`} onClick={() => ctx.set(null)}>
          Remove filter
        </button>
      )}
    </div>
  );
}
