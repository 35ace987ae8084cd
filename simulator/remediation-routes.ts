// Remediation activities (preview, get-remediation-*-activities.md): a few tasks a SOC would have
// open against the simulated fleet, read-only. Derived from the fleet (no randomness), once per
// simulator; ids are fixed so tests and demo flows can name them.
import type { FieldSchema } from './odata-filter';
import { sendJson, sendMdeError } from './http-util';
import { sendCollection } from './paging';
import { caseInsensitive, type Route, type RouteContext } from './route';
import type { SimState } from './state';
import type { SimMachine } from './types';

// get-remediation-all-activities.md documents $filter on createdOn and status.
const FILTER: FieldSchema = { createdOn: 'date', status: 'string' };
const REQUESTER = { requesterId: '65548a1d-ef00-4a7a-8d19-1b967b5c36f4', requesterEmail: 'secops.lead@contoso.com' };
const DAY = 86_400_000;

interface TaskTemplate {
  id: string;
  title: string;
  description: string;
  relatedComponent: string;
  type: 'Update' | 'ConfigurationChange' | 'Uninstall';
  category: 'Software' | 'SecurityBaseline';
  priority: 'High' | 'Medium' | 'Low';
  status: 'Active' | 'Completed';
  ageDays: number;
  dueInDays: number;
  productId: string | null;
  vendorId: string | null;
  recommendedVersion: string | null;
  targets: (m: SimMachine) => boolean;
}

const workstation = (m: SimMachine) => m.rbacGroupName === 'Workstations';
const TEMPLATES: readonly TaskTemplate[] = [
  {
    id: '7f3c2a10-5b1e-4d2a-9c8e-0a1b2c3d4e01', title: 'Update Google Chrome', relatedComponent: 'Google Chrome',
    description: 'Update Chrome to a later version to mitigate known vulnerabilities affecting your devices.',
    type: 'Update', category: 'Software', priority: 'High', status: 'Active', ageDays: 3, dueInDays: 4,
    productId: 'google-_-chrome', vendorId: 'google', recommendedVersion: '131.0.6778.86', targets: workstation,
  },
  {
    id: '7f3c2a10-5b1e-4d2a-9c8e-0a1b2c3d4e02', title: 'Update Microsoft Windows Server 2019', relatedComponent: 'Microsoft Windows Server 2019',
    description: 'Install the latest cumulative update on Windows Server 2019 devices.',
    type: 'Update', category: 'Software', priority: 'Medium', status: 'Active', ageDays: 10, dueInDays: 20,
    productId: 'microsoft-_-windows_server_2019', vendorId: 'microsoft', recommendedVersion: null, targets: (m) => m.osPlatform === 'WindowsServer2019',
  },
  {
    id: '7f3c2a10-5b1e-4d2a-9c8e-0a1b2c3d4e03', title: 'Uninstall 7-Zip 9.20', relatedComponent: '7-Zip',
    description: '7-Zip 9.20 is end of support and has known vulnerabilities; remove it or update to a supported version.',
    type: 'Uninstall', category: 'Software', priority: 'Low', status: 'Completed', ageDays: 40, dueInDays: 14,
    productId: '7-zip-_-7-zip', vendorId: '7-zip', recommendedVersion: null, targets: (m) => m.machineTags.includes('eng'),
  },
  {
    id: '7f3c2a10-5b1e-4d2a-9c8e-0a1b2c3d4e04', title: 'Turn on PUA protection in block mode', relatedComponent: 'Microsoft Defender Antivirus',
    description: 'Potentially unwanted applications can reduce device performance and lead to unexpected software installs.',
    type: 'ConfigurationChange', category: 'SecurityBaseline', priority: 'Medium', status: 'Active', ageDays: 1, dueInDays: 30,
    productId: null, vendorId: null, recommendedVersion: null, targets: () => true,
  },
];

interface SimTask {
  record: Record<string, unknown>;
  machines: SimMachine[];
}

const byState = new WeakMap<SimState, SimTask[]>();

function tasksOf(state: SimState): SimTask[] {
  const cached = byState.get(state);
  if (cached) return cached;
  const now = Date.now();
  const tasks = TEMPLATES.map((t) => {
    const machines = state.machines.filter(t.targets);
    const createdOn = new Date(now - t.ageDays * DAY).toISOString();
    const done = t.status === 'Completed';
    return {
      machines,
      record: {
        id: t.id, title: t.title, createdOn, ...REQUESTER, status: t.status,
        statusLastModifiedOn: done ? new Date(now - (t.ageDays - 5) * DAY).toISOString() : createdOn,
        description: t.description, relatedComponent: t.relatedComponent,
        targetDevices: machines.length, rbacGroupNames: [...new Set(machines.map((m) => m.rbacGroupName))],
        fixedDevices: done ? machines.length : Math.floor(machines.length / 3),
        requesterNotes: 'Opened by the SOC after the monthly exposure review.',
        dueOn: new Date(now + (t.dueInDays - t.ageDays) * DAY).toISOString().slice(0, 10) + 'T00:00:00Z',
        category: t.category, productivityImpactRemediationType: 'AllExposedAssets', priority: t.priority,
        completionMethod: done ? 'Automatic' : null, completerId: null, completerEmail: null,
        scid: t.type === 'ConfigurationChange' ? 'scid-2016' : null, type: t.type,
        productId: t.productId, vendorId: t.vendorId, nameId: t.productId?.split('-_-')[1] ?? null,
        recommendedVersion: t.recommendedVersion, recommendedVendor: null, recommendedProgram: null,
      },
    };
  });
  byState.set(state, tasks);
  return tasks;
}

function forTask(handle: (ctx: RouteContext, task: SimTask) => void) {
  return (ctx: RouteContext) => {
    const task = tasksOf(ctx.state).find((t) => t.record.id === ctx.params[0]?.toLowerCase());
    if (!task) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Remediation activity ${ctx.params[0]} was not found`);
    handle(ctx, task);
  };
}

const list = (ctx: RouteContext) => sendCollection(ctx, { entitySet: 'RemediationTasks', records: tasksOf(ctx.state).map((t) => t.record), schema: FILTER });
const getOne = forTask((ctx, task) => sendJson(ctx.res, 200, { '@odata.context': `${ctx.origin}/api/$metadata#RemediationTasks/$entity`, ...task.record }));
const machineReferences = forTask((ctx, task) =>
  sendCollection(ctx, {
    entitySet: 'MachineReferences',
    records: task.machines.map((m) => ({ id: m.id, computerDnsName: m.computerDnsName, osPlatform: m.osPlatform, rbacGroupName: m.rbacGroupName })),
    schema: {},
  }));

export function remediationRoutes(api: (path: string) => RegExp): Route[] {
  const route = (path: string, handle: (ctx: RouteContext) => void): Route => ({ method: 'GET', pattern: caseInsensitive(api(path)), handle });
  return [
    route('/remediationtasks', list),
    route('/remediationtasks/([^/]+)', getOne),
    route('/remediationtasks/([^/]+)/machinereferences', machineReferences),
  ];
}
