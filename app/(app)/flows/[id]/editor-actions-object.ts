// The EditorActions object handed to the designer: references to the server actions, which
// Next serialises for the client. Kept apart from 'use server' files, which may only export
// async functions.
import type { EditorActions } from '@/components/flow-editor/types';
import {
  changesSincePublishedAction,
  getVersionAction,
  listVersionsAction,
  publish,
  restoreVersionAction,
  saveAsCopy,
  saveDraft,
  setEnabled,
} from './editor-actions';
import { huntingColumnsAction } from './hunting-columns-actions';
import { listAlertsAction, listEarlierRunsAction, startRunAction } from './manual-run-actions';

export const editorActions: EditorActions = {
  saveDraft,
  saveAsCopy,
  publish,
  setEnabled,
  changesSincePublished: changesSincePublishedAction,
  listVersions: listVersionsAction,
  getVersion: getVersionAction,
  restoreVersion: restoreVersionAction,
  huntingColumns: huntingColumnsAction,
  manualRun: { listAlerts: listAlertsAction, listEarlierRuns: listEarlierRunsAction, startRun: startRunAction },
};
