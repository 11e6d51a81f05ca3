/**
 * The shortest path of workflow transitions from one status to another (breadth first over the
 * workflow's transitions; global transitions lead from anywhere). Pure; linear in the workflow.
 */

export interface WorkflowGraph {
  name: string;
  /** Status ids and names. */
  statuses: { id: string; name: string }[];
  /** `from` empty: a global transition. */
  transitions: { id: string; name: string; from: string[]; to: string }[];
}

/** Transition ids to take in order ([] when already there), or null when no path exists. */
export function findTransitionPath(
  workflow: WorkflowGraph,
  fromStatusId: string,
  toStatusId: string,
): string[] | null {
  if (fromStatusId === toStatusId) return [];
  const previous = new Map<string, { via: string; from: string }>();
  const seen = new Set([fromStatusId]);
  const queue = [fromStatusId];
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head] as string;
    for (const transition of workflow.transitions) {
      if (transition.from.length > 0 && !transition.from.includes(at)) continue;
      if (seen.has(transition.to)) continue;
      seen.add(transition.to);
      previous.set(transition.to, { via: transition.id, from: at });
      if (transition.to === toStatusId) return pathTo(previous, fromStatusId, toStatusId);
      queue.push(transition.to);
    }
  }
  return null;
}

function pathTo(previous: Map<string, { via: string; from: string }>, start: string, end: string): string[] {
  const path: string[] = [];
  for (let at = end; at !== start;) {
    const step = previous.get(at);
    if (!step) break;
    path.push(step.via);
    at = step.from;
  }
  return path.reverse();
}
