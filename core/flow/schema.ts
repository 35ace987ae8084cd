import { z } from 'zod';
import { ZStepSettings } from './step-settings';
import { FLOW_LIMITS as L, paramLimitIssues } from './limits';

/**
 * The flow graph as stored (design.md §3). This is the LENIENT draft schema: any half-built
 * graph the editor autosaves must parse (unknown types, dangling edges, missing params), as
 * long as it is structurally sound JSON. Executability is `checkFlow`'s job (check.ts).
 * It also holds the size limits (limits.ts), so every way a flow comes in is capped alike.
 */

/** Node ids are what tokens refer to, so they must be token-safe slugs. */
export const NODE_ID_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
export const TRIGGER_NODE_ID = 'trigger';

/** Handles with meaning to the executor. Switch/for-each handles will join them later. */
export const HANDLES = { out: 'out', true: 'true', false: 'false', error: 'error' } as const;

export const ZNodeId = z
  .string()
  .regex(NODE_ID_PATTERN, 'Node ids are lowercase letters, digits and _, starting with a letter (max 63)');

const ZParams = z.record(z.string(), z.unknown()).superRefine((params, ctx) => {
  for (const issue of paramLimitIssues(params)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

const tooLong = (what: string, max: number) => `${what} is longer than ${max.toLocaleString('en-US')} characters`;

export const ZFlowNode = z.object({
  id: ZNodeId,
  type: z.string().max(L.maxTypeLength, tooLong('The step type', L.maxTypeLength)),
  label: z.string().max(L.maxLabelLength, tooLong('The step name', L.maxLabelLength)).default(''),
  position: z.object({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
  params: ZParams.default({}),
  /** A note the author keeps on the node (view data: never affects execution). */
  notes: z.string().max(L.maxNotesLength, tooLong('The note', L.maxNotesLength)).optional(),
  /** Actions only: retry policy and timeout (step-settings.ts); absent means the defaults. */
  settings: ZStepSettings.optional(),
});

export const ZFlowEdge = z.object({
  id: z.string().min(1).max(L.maxEdgeIdLength, tooLong('A connection id', L.maxEdgeIdLength)),
  source: z.string().max(L.maxEdgeEndLength, tooLong('A connection source', L.maxEdgeEndLength)),
  sourceHandle: z.string().min(1).max(L.maxHandleLength, tooLong('A connection handle', L.maxHandleLength)).default(HANDLES.out),
  target: z.string().max(L.maxEdgeEndLength, tooLong('A connection target', L.maxEdgeEndLength)),
  // React Flow writes null for "the only target handle".
  targetHandle: z.string().max(L.maxHandleLength, tooLong('A connection handle', L.maxHandleLength)).nullish(),
});

/** A flow's name and description, wherever a flow is created, renamed or imported. */
export const ZFlowName = z.string().trim().min(1, 'Give the flow a name').max(L.maxFlowNameLength, tooLong('The flow name', L.maxFlowNameLength));
export const ZFlowDescription = z.string().max(L.maxFlowDescriptionLength, tooLong('The description', L.maxFlowDescriptionLength));

export const ZDraftGraph = z.object({
  schemaVersion: z.literal(1),
  nodes: z.array(ZFlowNode).max(L.maxNodes, `A flow may have at most ${L.maxNodes.toLocaleString('en-US')} steps`),
  edges: z.array(ZFlowEdge).max(L.maxEdges, `A flow may have at most ${L.maxEdges.toLocaleString('en-US')} connections`),
});

export type TFlowNode = z.output<typeof ZFlowNode>;
export type TFlowEdge = z.output<typeof ZFlowEdge>;
export type TDraftGraph = z.output<typeof ZDraftGraph>;
/** What a client may send (defaults not yet applied). */
export type TDraftGraphInput = z.input<typeof ZDraftGraph>;

declare const executableBrand: unique symbol;

/**
 * A graph that passed `checkFlow`. Same shape as the draft; the brand only exists in the type
 * system, so the executor cannot be handed an unchecked graph by accident.
 */
export type TExecutableGraph = TDraftGraph & { readonly [executableBrand]: true };

/** An empty draft with just the trigger, for a new flow. */
export function emptyDraftGraph(triggerType = 'defender.alertCreated'): TDraftGraph {
  return {
    schemaVersion: 1,
    nodes: [{ id: TRIGGER_NODE_ID, type: triggerType, label: 'Trigger', position: { x: 0, y: 0 }, params: {} }],
    edges: [],
  };
}
