// What the System page renders: the server's systemOverview() shape (core/system/overview.ts),
// named as the components read it.
import type { CounterRow, PollLagRow, QueueRow, QueueState, RunRow, Section, StepRow, SystemOverview, WorkerRow } from '@/core/system/overview';

export type SectionView<T> = Section<T>;
export type QueueStateName = QueueState;
export type WorkerView = WorkerRow;
export type QueueView = QueueRow;
export type PollLagView = PollLagRow;
export type RunCountsView = RunRow;
export type StepView = StepRow;
export type CounterView = CounterRow;
export type SystemView = SystemOverview;
