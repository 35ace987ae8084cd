import { describe, expect, it } from 'vitest';
import { catalogGroups } from './catalog-list';

describe('catalogGroups', () => {
  it('groups every catalog entry in the palette order', () => {
    expect(catalogGroups('').map((g) => [g.category, g.items.map((d) => d.type)])).toEqual([
      ['Triggers', ['defender.alertCreated', 'defender.alertUpdated', 'schedule.recurrence']],
      ['Microsoft Defender', ['defender.getAlert', 'defender.isolateMachine', 'defender.runHuntingQuery', 'defender.updateAlert', 'defender.batchUpdateAlerts', 'defender.unisolateMachine', 'defender.runAntivirusScan', 'defender.collectInvestigationPackage', 'defender.restrictAppExecution', 'defender.unrestrictAppExecution', 'defender.stopAndQuarantineFile', 'defender.tagMachine', 'defender.offboardMachine', 'defender.getMachine', 'defender.listMachines', 'defender.listAlerts', 'defender.getMachineAction', 'defender.cancelMachineAction', 'defender.submitIndicator', 'defender.listIndicators', 'defender.deleteIndicator', 'defender.startInvestigation', 'defender.getInvestigation', 'defender.findMachinesByTag', 'defender.findMachinesByIp', 'defender.getLogonUsers', 'defender.listMachineAlerts', 'defender.getMachineSoftware', 'defender.getMachineVulnerabilities', 'defender.listMachineActions', 'defender.runLiveResponseScript', 'defender.liveResponseGetFile', 'defender.getLiveResponseResultLink', 'defender.getInvestigationPackageUri']],
      ['Control', ['control.condition', 'control.switch', 'control.forEach', 'control.terminate', 'control.compose', 'control.setVariable', 'control.appendVariable', 'control.delay', 'control.approval', 'control.deduplicate']],
      ['Notifications', ['email.send', 'teams.postCard', 'slack.postMessage']],
      ['HTTP', ['http.request']],
    ]);
  });

  it('searches title, description and category; inserts never offer a trigger', () => {
    expect(catalogGroups('isolate').flatMap((g) => g.items.map((d) => d.type))).toEqual(['defender.isolateMachine', 'defender.unisolateMachine']);
    expect(catalogGroups('microsoft defender', { includeTriggers: false }).flatMap((g) => g.items.map((d) => d.type))).toEqual(['defender.getAlert', 'defender.isolateMachine', 'defender.runHuntingQuery', 'defender.updateAlert', 'defender.batchUpdateAlerts', 'defender.unisolateMachine', 'defender.runAntivirusScan', 'defender.collectInvestigationPackage', 'defender.restrictAppExecution', 'defender.unrestrictAppExecution', 'defender.stopAndQuarantineFile', 'defender.tagMachine', 'defender.offboardMachine', 'defender.getMachine', 'defender.listMachines', 'defender.listAlerts', 'defender.getMachineAction', 'defender.cancelMachineAction', 'defender.submitIndicator', 'defender.listIndicators', 'defender.deleteIndicator', 'defender.startInvestigation', 'defender.getInvestigation', 'defender.findMachinesByTag', 'defender.findMachinesByIp', 'defender.getLogonUsers', 'defender.listMachineAlerts', 'defender.getMachineSoftware', 'defender.getMachineVulnerabilities', 'defender.listMachineActions', 'defender.runLiveResponseScript', 'defender.liveResponseGetFile', 'defender.getLiveResponseResultLink', 'defender.getInvestigationPackageUri', 'teams.postCard']);
    expect(catalogGroups('zzz')).toEqual([]);
  });
});
