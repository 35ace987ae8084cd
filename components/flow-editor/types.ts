// The contract between the designer (client components) and the page that hosts it. The page
// (a server component) passes plain data and server actions; nothing here imports server/.
import type { ConnectionKind } from '@/core/catalog/types';
import type { GrantedRoles } from '@/core/defender/permissions';
import type { TDraftGraph } from '@/core/flow/schema';
import type { FlowIssue } from '@/core/flow/issues';

/** The flow as the editor receives it (mirrors server/services/flows FlowDto). */
export interface EditorFlow {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  graph: TDraftGraph;
  draftVersion: number;
  publishedVersion: number | null;
}

/** A connection the user may pick in the inspector (never carries a secret). */
export interface ConnectionOption {
  id: string;
  kind: ConnectionKind;
  name: string;
  isDemo: boolean;
  /** When the last test that read the token's roles ran (null: never, or no token). */
  testedAt?: string | null;
  /** Application roles of the last tested tokens (MDE and Graph), for the checker's permission warnings. */
  grantedRoles?: GrantedRoles;
}

/** Sample output per node id from the flow's latest run, for the token picker. */
export type SampleOutputs = Record<string, unknown>;

export type SaveDraftResult =
  | { ok: true; draftVersion: number; savedAt: string }
  | { ok: false; code: 'StaleDraft'; message: string; current: EditorFlow }
  | { ok: false; code: string; message: string };

export type PublishResult =
  | { ok: true; version: number; warnings?: FlowIssue[] }
  | { ok: false; code: string; message: string; issues?: FlowIssue[] };

export interface VersionSummary {
  version: number;
  createdAt: string;
  createdBy: string | null;
  nodeCount: number;
}

export type { GraphChange } from '@/core/flow/diff';
import type { GraphChange } from '@/core/flow/diff';
import type { ManualRunActions } from './run-now-types';

/** Server actions the page hands to the editor. Every one authorises on the server. */
export interface EditorActions {
  saveDraft(input: { flowId: string; graph: TDraftGraph; name?: string; description?: string; baseVersion: number }): Promise<SaveDraftResult>;
  /** Saves `graph` as a new flow (the "keep mine as a copy" answer to a conflict); returns its id. */
  saveAsCopy(input: { name: string; description: string; graph: TDraftGraph }): Promise<{ ok: true; id: string } | { ok: false; message: string }>;
  publish(input: { flowId: string }): Promise<PublishResult>;
  setEnabled(input: { flowId: string; enabled: boolean }): Promise<{ ok: true; enabled: boolean } | { ok: false; message: string }>;
  /** What changed in the draft since the last published version (empty when never published). */
  changesSincePublished(input: { flowId: string }): Promise<GraphChange[]>;
  listVersions(input: { flowId: string }): Promise<VersionSummary[]>;
  getVersion(input: { flowId: string; version: number }): Promise<{ version: number; graph: TDraftGraph } | null>;
  /** Replaces the draft with a published version (restore) — the latest one is "discard draft". */
  restoreVersion(input: { flowId: string; version: number; baseVersion: number }): Promise<SaveDraftResult>;
  /** "Run now" (absent: the button is not shown). */
  manualRun?: ManualRunActions;
  /** "Get columns" of a hunting step: runs its query once (absent: the button is not shown). */
  huntingColumns?(input: HuntingColumnsRequest): Promise<HuntingColumnsResult>;
}

/** The hunting step's params as the inspector has them (possibly not saved yet). */
export interface HuntingColumnsRequest {
  flowId: string;
  connectionId: string;
  query: string;
  api: 'graph' | 'mde';
  timespan?: string;
}

export type HuntingColumnsResult =
  | { ok: true; columns: { name: string; type: string }[]; rowCount: number; api: 'graph' | 'mde'; usedRunValues: boolean }
  | { ok: false; code: string; message: string };

export interface FlowEditorProps {
  flow: EditorFlow;
  connections: ConnectionOption[];
  samples: SampleOutputs;
  canWrite: boolean;
  actions: EditorActions;
}
