// What the Connections page hands the browser: no secret values, only whether each is set.
// Types only, so client components never import server/.
import type { ActionResult } from '../action-result';
import type { GrantedRoles, PermissionApi } from '@/core/defender/permissions';

export interface ConnectionTestView {
  at: string;
  ok: boolean;
  error: string | null;
  /** Roles of the MDE API token and of the Microsoft Graph token. */
  grantedRoles: GrantedRoles;
}

export interface NeededPermission {
  /** Whose token must carry it. */
  api: PermissionApi;
  permission: string;
  /** Other roles the API accepts instead (any one is enough). */
  orAnyOf?: readonly string[];
  /** Flows (draft or published) whose steps need it. */
  flows: string[];
}

export interface ConnectionView {
  id: string;
  kind: string;
  name: string;
  isDemo: boolean;
  /** Non-secret settings (tenant id, client id, hosts, SMTP host…). */
  config: Record<string, unknown>;
  /** Per secret field: set or not. */
  secrets: Record<string, boolean>;
  cloud?: string;
  createdAt: string;
  lastTest: ConnectionTestView | null;
  /** Names of the flows that use it (delete is refused while there are any). */
  usedBy: string[];
  /** Defender: permissions the flows using it need. */
  needed: NeededPermission[];
}

/** The answer of "Test connection" as the page shows it. */
export interface TestOutcome {
  ok: boolean;
  message: string;
  testedAt: string;
  grantedRoles?: GrantedRoles;
  permissions?: { api: PermissionApi; permission: string; orAnyOf?: readonly string[]; granted: boolean; fix?: string; flows: string[] }[];
}

/** Server actions the page passes in; each authorises on the server again. */
export interface ConnectionActions {
  create(input: Record<string, unknown>): Promise<ActionResult<ConnectionView>>;
  update(id: string, input: Record<string, unknown>): Promise<ActionResult<ConnectionView>>;
  remove(id: string): Promise<ActionResult>;
  test(id: string): Promise<ActionResult<TestOutcome>>;
}
