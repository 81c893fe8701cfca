import type { Change } from '../changes/change';
import type { SystemId } from '../changes/system-id';
import type { ErrorKind } from '../errors/app-error';
import type { RecordEffect } from '../ports/adapter-port';

/** What the rules made of one change on its way to one target system. */
export interface FlowDecision {
  readonly change: Change;
  readonly target: SystemId;
  /** Field groups that may flow; the target applies only these. Empty means nothing may flow. */
  readonly allowedGroups: readonly string[];
  readonly deniedGroups: readonly string[];
}

/** What became of one change at the end of a pipeline. */
export interface RoutedOutcome {
  readonly change: Change;
  readonly outcome: 'applied' | 'deferred' | 'skipped' | 'denied' | 'failed';
  readonly targetId?: string;
  readonly effect?: RecordEffect;
  readonly message?: string;
  /** Why a failed or skipped change was not taken, as the target classified it. */
  readonly errorKind?: ErrorKind;
}
