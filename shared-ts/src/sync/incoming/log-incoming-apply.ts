/** The log lines of an apply: one per conflict (section 4.4), then `created` or `applied`. */
import type { EntityRef, JsonValue, Replica } from '../../replica';
import { describeRef } from '../model/entity-ref';
import type { Link } from '../model/link';
import { appendLog, type SyncContext } from '../engine/sync-context';
import type { Conflict, WritePlan } from '../model/write-plan';

/** Logs the conflicts of an applied replica and what it wrote. */
export async function logIncomingApply(
  ctx: SyncContext,
  committed: Link,
  replica: Replica,
  plan: WritePlan,
  conflicts: readonly Conflict[],
): Promise<void> {
  for (const conflict of conflicts) {
    await appendLog(
      ctx,
      'conflict',
      refsOf(committed),
      describeConflict(conflict),
      conflict as unknown as JsonValue,
    );
  }
  const created = plan.target === null;
  await appendLog(
    ctx,
    created ? 'created' : 'applied',
    refsOf(committed),
    created
      ? `Created ${describeRef(committed.local)} from ${describeRef(replica.entity)} (seq ${replica.seq}).`
      : `Applied seq ${replica.seq} of ${describeRef(replica.entity)} to ${describeRef(committed.local)}: ${describePlan(plan)}.`,
  );
}

/** The pair a log line names. */
export function refsOf(link: Link): { local: EntityRef; remote: EntityRef | null } {
  return { local: link.local, remote: link.remote };
}

function describeConflict(conflict: Conflict): string {
  const settled =
    conflict.resolvedBy === undefined
      ? conflict.policy
      : `${conflict.resolvedBy}, because ${conflict.reason ?? 'the policy fell back'}`;
  return `Both sides changed ${conflict.path.join('.')}; kept the ${conflict.winner} value (${settled}).`;
}

function describePlan(plan: WritePlan): string {
  const parts = [`${plan.fields.length} field(s)`];
  for (const name of ['comments', 'attachments'] as const) {
    const { add, update, remove } = plan[name];
    if (add.length + update.length + remove.length > 0) {
      parts.push(`${name} +${add.length} ~${update.length} -${remove.length}`);
    }
  }
  return parts.join(', ');
}
