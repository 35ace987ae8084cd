// Keeps a schedule flow's job scheduler in step with what just changed in Postgres. Redis being
// down never fails the change itself: the worker's maintenance tick re-syncs within seconds.
import { scheduleRecurrence } from '@/core/catalog/schedule-recurrence';
import { syncFlowSchedule } from '../schedules/schedulers';
import { webQueues } from '../queue/web-queues';
import { logFor } from '../log/logger';

export function isScheduleTrigger(triggerType: string | null | undefined): boolean {
  return triggerType === scheduleRecurrence.type;
}

export async function refreshFlowSchedule(flowId: string): Promise<void> {
  try {
    await syncFlowSchedule(webQueues().schedule, flowId);
  } catch (e) {
    logFor({ flowId }).error({ error: (e as Error).message }, 'schedule sync failed; the worker will retry');
  }
}
