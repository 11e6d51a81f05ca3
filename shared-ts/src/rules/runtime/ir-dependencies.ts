/**
 * What an incoming program depends on, carried in its IR (`IrProgram.dependencies`, docs/ir.md
 * "Dependencies") so that the sync engine never parses a script: which replica fields each
 * written entity path reads (for `newest-wins`, docs/sync-semantics.md 4.4) and which inputs the
 * program reads at all (a program that reads only `replica` and `connection` computes the same
 * writes from the same replica, so the engine may keep them for the next apply, 4.2).
 */
import type { InputName, IrStatement } from './ir';

/** One entity path an incoming program writes and the replica paths its value reads (`[]`: the whole replica). */
export interface IrWriteReads {
  target: string[];
  reads: string[][];
}

/** What an input list may name besides the inputs: the clock, read by `date.now()`. */
export type IrInputUse = InputName | 'date.now';

/** The dependencies of an incoming program. */
export interface IrDependencies {
  /** One entry per entity path written (several writes of a path merged), in first-write order. */
  writes: IrWriteReads[];
  /** The inputs the program reads, sorted, with `date.now` when it calls it. */
  inputs: IrInputUse[];
}

/**
 * The inputs a program body reads (`input` nodes) and whether it calls `date.now`, sorted. An
 * assignment below a field of the writable variable (`issue.customFields.B = 2`) or with `+=`
 * reads what the variable holds there, so it counts as reading `writable`. Walks the IR once
 * with an explicit stack (no recursion), so its time is linear in the program.
 */
export function inputsOf(body: readonly IrStatement[], writable: InputName): IrInputUse[] {
  const found = new Set<IrInputUse>();
  const stack: unknown[] = [body];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    const node = value as Record<string, unknown>;
    if (node.op === 'input') found.add(node.name as InputName);
    if (node.op === 'call' && node.fn === 'date.now') found.add('date.now');
    if (node.op === 'assign' && (node.operator === '+=' || (node.path as unknown[]).length > 1))
      found.add(writable);
    for (const key of Object.keys(node)) if (key !== 'at') stack.push(node[key]);
  }
  return [...found].sort();
}

/** Whether the engine may keep a program's writes for the next apply: it reads only `replica` and `connection`, and no clock. */
export function readsOnlyReplica(dependencies: IrDependencies): boolean {
  return dependencies.inputs.every((input) => input === 'replica' || input === 'connection');
}
