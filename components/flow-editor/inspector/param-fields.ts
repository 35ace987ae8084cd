/**
 * Catalog param schema → the ordered list of form fields the inspector renders. The catalog is
 * the only source: adding a node type (or a param) adds its form without touching the inspector.
 */
import { z } from 'zod';
import type { ConnectionKind, NodeTypeDef, ParamMeta, ParamWidget } from '@/core/catalog/types';

export type FieldWidget = ParamWidget | 'number' | 'boolean';

export interface FieldSpec {
  /** Param key; '' when the widget edits the whole params object (`root`). */
  key: string;
  /** True for `control.condition`, whose params ARE the condition group. */
  root: boolean;
  title: string;
  description?: string;
  widget: FieldWidget;
  /** Same rule as the checker: the schema rejects "not set". */
  required: boolean;
  /** Enum choices, from the zod schema. */
  options?: string[];
  /** The value the schema fills in when the param is not set (e.g. importance "normal"). */
  defaultValue?: unknown;
  connectionKind?: ConnectionKind;
  /** The param's own schema, for validating literal values on blur. */
  schema: z.ZodType;
}

/** Strips optional/nullable/default/pipe wrappers to reach the schema that says what the value is. */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  // Bounded: schemas are finite, but a loop guard costs nothing.
  for (let i = 0; i < 20; i++) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      // z.preprocess(fn, inner) is a pipe from a transform into `inner`: the output side is the type.
      current = current.out as z.ZodType;
    } else {
      return current;
    }
  }
  return current;
}

function metaOf(schema: z.ZodType): Partial<ParamMeta> {
  return (z.globalRegistry.get(schema) ?? {}) as Partial<ParamMeta>;
}

function isConditionGroupSchema(schema: z.ZodType): boolean {
  return schema instanceof z.ZodObject && 'combinator' in schema.shape && 'rules' in schema.shape;
}

function widgetFor(meta: Partial<ParamMeta>, inner: z.ZodType): FieldWidget {
  if (meta.widget !== undefined) return meta.widget;
  if (inner instanceof z.ZodEnum) return 'enum';
  if (inner instanceof z.ZodNumber) return 'number';
  if (inner instanceof z.ZodBoolean) return 'boolean';
  if (isConditionGroupSchema(inner)) return 'condition';
  return 'text';
}

function humanise(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).toLowerCase();
}

export function fieldFor(key: string, schema: z.ZodType, connectionKind?: ConnectionKind): FieldSpec {
  const meta = metaOf(schema);
  const inner = unwrapSchema(schema);
  const widget = widgetFor(meta, inner);
  const empty = schema.safeParse(undefined);
  const spec: FieldSpec = {
    key,
    root: false,
    title: meta.title ?? humanise(key),
    widget,
    required: !empty.success,
    schema,
  };
  if (meta.description !== undefined) spec.description = meta.description;
  if (inner instanceof z.ZodEnum) spec.options = inner.options.map(String);
  // safeParse(undefined) yields the schema's default, if it declares one.
  if (empty.success && empty.data !== undefined) spec.defaultValue = empty.data;
  if (widget === 'connection' && connectionKind !== undefined) spec.connectionKind = connectionKind;
  return spec;
}

/** Form fields for a node type, in the order the catalog declares them. */
export function fieldsFor(def: NodeTypeDef): FieldSpec[] {
  if (def.kind === 'condition' || isConditionGroupSchema(def.params)) {
    return [
      {
        key: '',
        root: true,
        title: 'Condition',
        widget: 'condition',
        required: true,
        schema: def.params,
      },
    ];
  }
  const fields = Object.entries(def.params.shape).map(([key, schema]) => fieldFor(key, schema as z.ZodType, def.connectionKind));
  // A schedule trigger's params are edited together by one widget (mode, interval, cron, zone).
  const schedule = fields.find((f) => f.widget === 'schedule');
  if (schedule) return [{ ...schedule, key: '', root: true, required: false, schema: def.params }];
  return fields;
}
