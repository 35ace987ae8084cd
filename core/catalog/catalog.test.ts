import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { NODE_CATALOG, getNodeType, handlesOf, outputFieldsOf } from './index';

const CONN = '5f0c6d2e-8a1b-4c3d-9e4f-0a1b2c3d4e5f';

describe('node catalog', () => {
  it('registers the core and control types under their public ids', () => {
    expect(Object.keys(NODE_CATALOG).sort()).toEqual(
      [
        'control.condition', 'defender.alertCreated', 'defender.alertUpdated', 'defender.getAlert', 'defender.isolateMachine',
        'defender.runHuntingQuery', 'defender.updateAlert', 'email.send', 'schedule.recurrence',
        'defender.unisolateMachine', 'defender.runAntivirusScan', 'defender.collectInvestigationPackage', 'defender.restrictAppExecution',
        'defender.unrestrictAppExecution', 'defender.stopAndQuarantineFile', 'defender.tagMachine',
        'defender.getMachine', 'defender.listMachines', 'defender.listAlerts', 'defender.getMachineAction', 'defender.cancelMachineAction',
        'defender.submitIndicator', 'defender.listIndicators', 'defender.deleteIndicator',
        'defender.startInvestigation', 'defender.getInvestigation', 'defender.batchUpdateAlerts',
        'defender.listInvestigations', 'defender.createAlert', 'defender.getAlertMachine', 'defender.getAlertUser', 'defender.listAlertFiles', 'defender.listAlertIps', 'defender.listAlertDomains', 'defender.getFile',
        'defender.getFileStats', 'defender.listFileAlerts', 'defender.listFileMachines', 'defender.getIpStats', 'defender.getDomainStats', 'defender.listRemediationTasks', 'defender.getRemediationTask', 'defender.listRemediationTaskMachines',
        'defender.offboardMachine', 'defender.findMachinesByTag', 'defender.findMachinesByIp', 'defender.getLogonUsers',
        'defender.listMachineAlerts', 'defender.getMachineSoftware', 'defender.getMachineVulnerabilities', 'defender.listMachineActions',
        'defender.runLiveResponseScript', 'defender.liveResponseGetFile', 'defender.getLiveResponseResultLink', 'defender.getInvestigationPackageUri',
        'control.switch', 'control.forEach', 'control.terminate', 'control.compose', 'control.setVariable', 'control.appendVariable',
        'control.delay', 'control.approval', 'control.deduplicate',
        'teams.postCard', 'slack.postMessage', 'http.request', 'code.run',
      ].sort(),
    );
    for (const [type, def] of Object.entries(NODE_CATALOG)) expect(def.type).toBe(type);
  });

  it('looks types up by own property only', () => {
    expect(getNodeType('defender.getAlert')?.title).toBe('Get alert');
    expect(getNodeType('toString')).toBeUndefined();
    expect(getNodeType('constructor')).toBeUndefined();
  });

  it('gives actions an error handle and conditions true/false', () => {
    expect(handlesOf(NODE_CATALOG['defender.isolateMachine'])).toEqual(['out', 'error']);
    expect(handlesOf(NODE_CATALOG['control.condition'])).toEqual(['true', 'false']);
    expect(handlesOf(NODE_CATALOG['defender.alertCreated'])).toEqual(['out']);
  });

  it('declares form metadata for every param field', () => {
    for (const def of Object.values(NODE_CATALOG)) {
      if (def.kind === 'condition') continue; // the whole params object is the condition widget
      for (const [key, field] of Object.entries(def.params.shape)) {
        expect(z.globalRegistry.get(field as z.ZodType)?.title, `${def.type}.${key}`).toBeTruthy();
      }
    }
  });

  it('declares permissions and side effects', () => {
    expect(NODE_CATALOG['defender.isolateMachine']).toMatchObject({ permission: 'Machine.Isolate', sideEffect: true });
    expect(NODE_CATALOG['defender.getAlert']).toMatchObject({ permission: 'Alert.Read.All', sideEffect: false });
    expect(NODE_CATALOG['defender.alertCreated'].permission).toBe('Alert.Read.All');
    expect(NODE_CATALOG['email.send']).toMatchObject({ connectionKind: 'smtp', sideEffect: true });
  });

  it('isolateMachine applies the Full default and rejects other isolation types', () => {
    const params = NODE_CATALOG['defender.isolateMachine'].params;
    expect(params.parse({ connectionId: CONN, machineId: 'm', comment: 'c' })).toMatchObject({ isolationType: 'Full' });
    expect(params.safeParse({ connectionId: CONN, machineId: 'm', comment: 'c', isolationType: 'UnManagedDevice' }).success).toBe(false);
    expect(params.safeParse({ connectionId: CONN, machineId: '  ', comment: 'c' }).success).toBe(false);
  });

  it('email.send normalises recipients from text or a list', () => {
    const params = NODE_CATALOG['email.send'].params;
    const base = { connectionId: CONN, subject: 's', body: 'b' };
    expect(params.parse({ ...base, to: 'a@x.com; b@y.com, c@z.com' })).toMatchObject({
      to: ['a@x.com', 'b@y.com', 'c@z.com'],
      importance: 'normal',
    });
    expect(params.parse({ ...base, to: ['a@x.com'], cc: '' })).toMatchObject({ cc: [] });
    expect(params.safeParse({ ...base, to: 'not-an-email' }).success).toBe(false);
    expect(params.safeParse({ ...base, to: ' ; ' }).success).toBe(false);
  });

  it('notification and HTTP steps name their connection kinds', () => {
    expect(NODE_CATALOG['teams.postCard']).toMatchObject({ connectionKind: 'webhook', category: 'Notifications', sideEffect: true });
    expect(NODE_CATALOG['slack.postMessage']).toMatchObject({ connectionKind: 'webhook', category: 'Notifications', sideEffect: true });
    expect(NODE_CATALOG['http.request']).toMatchObject({ connectionKind: 'http', category: 'HTTP', sideEffect: true });
  });

  it('http.request: defaults, optional connection, timeout cap, body cross-checks', () => {
    const def = NODE_CATALOG['http.request'];
    expect(def.params.parse({ url: 'https://x.example', connectionId: '' })).toEqual({ url: 'https://x.example', method: 'GET', bodyType: 'none', timeoutSeconds: 30, failOnError: true });
    expect(def.params.safeParse({ url: 'https://x.example', timeoutSeconds: 121 }).success).toBe(false);
    expect(def.params.safeParse({ url: 'https://x.example', method: 'TRACE' }).success).toBe(false);
    expect(def.crossCheck?.({ bodyType: 'json', body: '' })).toEqual([{ path: ['body'], message: 'Body type json needs a JSON body' }]);
    expect(def.crossCheck?.({ bodyType: 'json', body: '{"a":' })).toEqual([{ path: ['body'], message: 'The JSON body is not valid JSON' }]);
    expect(def.crossCheck?.({ bodyType: 'json', body: '{"a": "{{ trigger.title }}"}' })).toEqual([]);
    expect(def.crossCheck?.({ bodyType: 'text', textBody: ' ' })).toEqual([{ path: ['textBody'], message: 'Body type text needs a text body' }]);
  });

  it('email.send: the optional attachment needs a name and defaults to auto', () => {
    const def = NODE_CATALOG['email.send'];
    expect(def.params.parse({ connectionId: CONN, to: 'a@x.com', subject: 's', body: 'b', attachmentName: 'r.csv', attachmentContent: [{ a: 1 }] })).toMatchObject({ attachmentName: 'r.csv', attachmentFormat: 'auto' });
    expect(def.crossCheck?.({ attachmentContent: '{{ hunting.results }}' })).toEqual([{ path: ['attachmentName'], message: 'An attachment needs a name, e.g. hunting-results.csv' }]);
    expect(def.crossCheck?.({})).toEqual([]);
  });

  it('the trigger filter is an optional condition group', () => {
    const params = NODE_CATALOG['defender.alertCreated'].params;
    expect(params.safeParse({ connectionId: CONN }).success).toBe(true);
    expect(
      params.safeParse({ connectionId: CONN, filter: { combinator: 'and', rules: [{ left: 'a', operator: 'equals', right: 'a' }] } }).success,
    ).toBe(true);
    expect(params.safeParse({ connectionId: 'not-a-uuid' }).success).toBe(false);
  });

  it('control steps: switch handles come from its cases; for each has each/done; terminate has none', () => {
    const sw = NODE_CATALOG['control.switch'];
    expect(handlesOf(sw, { cases: ['High', 'Low risk', 'High', 3] })).toEqual(['case:High', 'case:Low risk', 'default']);
    expect(handlesOf(sw)).toEqual(['default']);
    expect(handlesOf(NODE_CATALOG['control.forEach'])).toEqual(['each', 'done']);
    expect(handlesOf(NODE_CATALOG['control.terminate'])).toEqual([]);
    expect(handlesOf(NODE_CATALOG['control.compose'])).toEqual(['out']);
    for (const type of ['control.switch', 'control.forEach', 'control.terminate', 'control.compose', 'control.setVariable', 'control.appendVariable']) {
      expect(NODE_CATALOG[type]).toMatchObject({ kind: 'control', category: 'Control', sideEffect: false });
    }
  });

  it('for each defaults to one item at a time and a limit of 5000; says why a value is not a list', () => {
    const params = NODE_CATALOG['control.forEach'].params;
    expect(params.parse({ items: [1] })).toEqual({ items: [1], concurrency: 1, limit: 5000 });
    const bad = params.safeParse({ items: { a: 1 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toBe('must be a list, but the value is an object');
  });

  it('entity steps: file hashes are SHA-1 or SHA-256, look-back is 1–720 h, create alert needs every field', () => {
    const getFile = NODE_CATALOG['defender.getFile'].params;
    expect(getFile.parse({ connectionId: CONN, fileId: ` ${'A'.repeat(40)} ` })).toMatchObject({ fileId: 'A'.repeat(40) });
    expect(getFile.safeParse({ connectionId: CONN, fileId: 'b'.repeat(64) }).success).toBe(true);
    const bad = getFile.safeParse({ connectionId: CONN, fileId: 'c'.repeat(32) });
    expect(bad.error?.issues[0].message).toContain('SHA-1 (40 hex characters) or SHA-256');
    const stats = NODE_CATALOG['defender.getIpStats'].params;
    expect(stats.parse({ connectionId: CONN, ip: '10.0.0.1' })).toMatchObject({ lookBackHours: 720 });
    expect(stats.safeParse({ connectionId: CONN, ip: '10.0.0.1', lookBackHours: 721 }).success).toBe(false);
    const create = NODE_CATALOG['defender.createAlert'];
    expect(create).toMatchObject({ permission: 'Alert.ReadWrite.All', sideEffect: true });
    const full = { connectionId: CONN, machineId: 'm', reportId: '12', eventTime: '2026-01-31T10:30:00Z', title: 't', description: 'd', recommendedAction: 'r' };
    expect(create.params.parse(full)).toMatchObject({ severity: 'Medium', category: 'SuspiciousActivity' });
    expect(create.params.safeParse({ ...full, recommendedAction: ' ' }).success).toBe(false);
    expect(create.params.safeParse({ ...full, eventTime: 'yesterday' }).success).toBe(false);
    expect(create.params.safeParse({ ...full, category: 'CustomDetection' }).success).toBe(false);
    // List steps offer the first item's fields as typed tokens, and plain lists to loop over.
    expect(outputFieldsOf(NODE_CATALOG['defender.listAlertFiles'])).toEqual(expect.arrayContaining([
      { path: 'value[0].sha256', label: 'First: sha-256', type: 'string' }, { path: 'sha1s', label: 'SHA-1 hashes', type: 'array' },
    ]));
    expect(outputFieldsOf(NODE_CATALOG['defender.listAlertIps']).map((f) => f.path)).toEqual(expect.arrayContaining(['value', 'count', 'value[0].id', 'addresses']));
    expect(outputFieldsOf(NODE_CATALOG['defender.listInvestigations']).map((f) => f.path)).toEqual(expect.arrayContaining(['value[0].state', 'value[0].machineId']));
    for (const type of ['defender.getAlertUser', 'defender.listAlertFiles', 'defender.getFile', 'defender.getDomainStats', 'defender.listRemediationTasks', 'defender.listInvestigations']) {
      expect(NODE_CATALOG[type]).toMatchObject({ sideEffect: false, connectionKind: 'defender' });
      expect(NODE_CATALOG[type].permission).toBeTruthy();
    }
  });

  it('machine steps: permissions, offboarding and live response wait like machine actions, reads have no side effects', () => {
    expect(NODE_CATALOG['defender.offboardMachine']).toMatchObject({ permission: 'Machine.Offboard', sideEffect: true, completesAsync: true });
    expect(NODE_CATALOG['defender.offboardMachine'].description).toMatch(/^DANGEROUS/);
    for (const type of ['defender.runLiveResponseScript', 'defender.liveResponseGetFile']) {
      expect(NODE_CATALOG[type]).toMatchObject({ permission: 'Machine.LiveResponse', sideEffect: true, completesAsync: true });
      expect(NODE_CATALOG[type].params.shape).toHaveProperty('waitUntilDone');
    }
    const reads: [string, string][] = [
      ['defender.findMachinesByTag', 'Machine.Read.All'], ['defender.findMachinesByIp', 'Machine.Read.All'], ['defender.getLogonUsers', 'User.Read.All'],
      ['defender.listMachineAlerts', 'Alert.Read.All'], ['defender.getMachineSoftware', 'Software.Read.All'], ['defender.getMachineVulnerabilities', 'Vulnerability.Read.All'],
      ['defender.listMachineActions', 'Machine.Read.All'], ['defender.getLiveResponseResultLink', 'Machine.Read.All'], ['defender.getInvestigationPackageUri', 'Machine.Read.All'],
    ];
    for (const [type, permission] of reads) expect(NODE_CATALOG[type]).toMatchObject({ permission, sideEffect: false });
    expect(outputFieldsOf(NODE_CATALOG['defender.getMachineVulnerabilities'])).toEqual(expect.arrayContaining([{ path: 'value[0].cvssV3', label: expect.any(String), type: 'number' }]));
  });

  it('find by IP takes an ISO time or nothing (now); a live response script needs a name, arguments are optional', () => {
    const ip = NODE_CATALOG['defender.findMachinesByIp'].params;
    expect(ip.parse({ connectionId: CONN, ip: '10.1.2.3', timestamp: '' })).toEqual({ connectionId: CONN, ip: '10.1.2.3' });
    expect(ip.safeParse({ connectionId: CONN, ip: '10.1.2.3', timestamp: '2026-01-31T08:44:05Z' }).success).toBe(true);
    expect(ip.safeParse({ connectionId: CONN, ip: '10.1.2.3', timestamp: 'yesterday' }).success).toBe(false);
    const script = NODE_CATALOG['defender.runLiveResponseScript'].params;
    expect(script.parse({ connectionId: CONN, machineId: 'm', comment: 'c', scriptName: 'collect-triage.ps1', args: '' })).toMatchObject({ scriptName: 'collect-triage.ps1', waitUntilDone: false });
    expect(script.safeParse({ connectionId: CONN, machineId: 'm', comment: 'c', scriptName: ' ' }).success).toBe(false);
  });

  it('actions declare error.code / error.message for their error branch; control steps do not', () => {
    expect(outputFieldsOf(NODE_CATALOG['defender.getAlert']).map((f) => f.path)).toEqual(expect.arrayContaining(['error.code', 'error.message']));
    expect(outputFieldsOf(NODE_CATALOG['control.compose']).map((f) => f.path)).toEqual(['value']);
  });
});
