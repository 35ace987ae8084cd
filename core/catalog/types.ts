import type { z } from 'zod';

export type NodeCategory = 'Triggers' | 'Microsoft Defender' | 'Control' | 'Notifications' | 'HTTP';
/** What a step's connection param points at (server/services/connections.ts has one input shape per kind). */
export type ConnectionKind = 'defender' | 'smtp' | 'webhook' | 'http';
/**
 * `control`: evaluated inside core's executor (switch, for each, terminate, compose, variables);
 * no worker implementation and no `error` handle.
 */
export type NodeKind = 'trigger' | 'action' | 'condition' | 'control';
/** `any`: known only at run time (a loop item, a composed value); sub-paths are allowed. */
export type OutputFieldType = 'string' | 'number' | 'boolean' | 'datetime' | 'object' | 'array' | 'any';
/** Form widgets the inspector knows; set per param field with `.meta({ widget })`. */
export type ParamWidget =
  | 'text' | 'multiline' | 'enum' | 'connection' | 'recipients' | 'condition' | 'kql' | 'schedule' | 'cases' | 'json' | 'number' | 'boolean'
  | 'columns' | 'code' | 'codeInputs' | 'codeOutputs';

export interface OutputField {
  /** Token path below the node id, e.g. `relatedUser.userName`. */
  path: string;
  label: string;
  type: OutputFieldType;
  /**
   * For a list: the fields of each element, with paths relative to the element (a hunting
   * query's columns). A for-each over this list offers them as `{{ <loop>.item.<path> }}`.
   */
  items?: OutputField[];
}

/**
 * Which API an application permission belongs to: the WindowsDefenderATP API (MDE) or Microsoft
 * Graph. Each has its own token (scope) and so its own `roles` claim.
 */
export type PermissionApi = 'mde' | 'graph';

/** The application permission a step needs. */
export interface StepPermission {
  api: PermissionApi;
  /** The permission to grant, e.g. Machine.Isolate. */
  role: string;
  /**
   * Other roles the API accepts instead, any one being enough (cancelling a machine action takes
   * any of the action permissions, B.7). Without it only `role` (or its ReadWrite form) counts.
   */
  orAnyOf?: readonly string[];
}

/** Metadata attached to each param field with zod's `.meta()`, read by the form generator. */
/** A problem spanning several params (e.g. "cron mode needs a cron expression"), at a param path. */
export interface ParamCrossIssue {
  path: (string | number)[];
  message: string;
}

export interface ParamMeta {
  title: string;
  description?: string;
  widget?: ParamWidget;
  /**
   * How tokens are written into this param's text: `kql-string` escapes them as KQL string content,
   * `url-component` percent-encodes them (a URL), `json-string` escapes them as JSON string content,
   * `markdown` backslash-escapes markdown (Teams), `slack-mrkdwn` escapes & < > (Slack),
   * `header-value` marks line breaks so a value cannot start a new HTTP header.
   */
  tokenEncoding?: 'kql-string' | 'odata-string' | 'html' | 'url-component' | 'json-string' | 'markdown' | 'slack-mrkdwn' | 'header-value';
}

/**
 * One node type. The implementation (for actions) lives in server/, keyed by `type`.
 * `params` is the schema of the params AFTER token resolution; the checker validates literal
 * values against it at publish time and the executor validates resolved values at run time.
 */
export interface NodeTypeDef {
  type: string;
  title: string;
  description: string;
  category: NodeCategory;
  icon: string;
  kind: NodeKind;
  /** Handles besides `error` (every action also has `error`). */
  outputs: string[];
  /** Handles derived from the node's params, listed before `outputs` (switch: `case:<value>`). */
  dynamicOutputs?: (params: Record<string, unknown>) => string[];
  params: z.ZodObject;
  connectionKind?: ConnectionKind;
  /** The output fields when nothing is known about the node's params (palette, docs). */
  outputFields: OutputField[];
  /**
   * The node's complete output fields for its params, replacing `outputFields` where the
   * params say more (a hunting query's stored columns). `sample` is the step's output in the
   * latest run, when the caller has one (the designer); the checker passes none.
   */
  dynamicOutputFields?: (params: Record<string, unknown>, sample?: unknown) => OutputField[];
  /**
   * Application permission the connection's app registration needs: a string is an MDE
   * (WindowsDefenderATP) role. Read it through requiredPermission() (core/defender/permissions),
   * which also asks `permissionFor`.
   */
  permission?: string | StepPermission;
  /** When the permission depends on the params (hunting: Graph or MDE); wins over `permission`. */
  permissionFor?: (params: Record<string, unknown>) => StepPermission;
  sideEffect: boolean;
  /**
   * The step starts a Defender machine action and offers "Wait until finished": it then pauses
   * (no worker held) until the action completes, polling it, and fails if the action fails.
   */
  completesAsync?: true;
  /** Default timeout of one try, when the step's settings set none (default 120 s). */
  timeoutSeconds?: number;
  /** Checks between params that per-param schemas cannot express; run by the checker. */
  crossCheck?: (params: Record<string, unknown>) => ParamCrossIssue[];
}
