/**
 * Which replica fields each write of an incoming script reads, found statically: for every
 * assignment to the entity (`entity.Status = replica.status?.name`), the `replica` paths read by
 * its value, by the locals it uses (transitively) and by the conditions and loops around it.
 * `newest-wins` compares the change times of exactly those replica fields (docs/sync-semantics.md,
 * section 4.4). A superset is safe; nothing here runs the script.
 *
 * Bounded: the tree is walked once with an explicit stack (no recursion), and locals are resolved
 * by a breadth-first pass over their dependencies, each local visited once.
 */
import type { Node } from 'acorn';
import { analyze, type Analysis } from './subset-checker';
import type { Side } from '../runtime/types';
import { entityVariable } from '../runtime/variables';

/** The replica paths one written entity path reads. `reads` holds `[]` when the whole replica is read. */
export interface AssignmentReads {
  target: string[];
  reads: string[][];
}

/** What the value, the locals and the enclosing conditions of one assignment or declaration read. */
interface Deps {
  reads: string[][];
  slots: number[];
}

type AnyNode = Node & Record<string, unknown>;

/**
 * The replica paths each entity path written by an incoming script reads, one entry per path
 * written (several writes of one path are merged). Null when the script
 * does not check (it cannot run either).
 */
export function incomingAssignmentReads(script: string, side: Side): AssignmentReads[] | null {
  const analysis = analyze(script, side, 'incoming');
  if (analysis.hasErrors || !analysis.program) return null;
  return assignmentReadsOf(analysis);
}

/**
 * The same, from the analysis of an incoming script that checked (`compile` puts it in the IR, so
 * the engine never parses): one entry per path written, in first-write order.
 */
export function assignmentReadsOf(analysis: Analysis): AssignmentReads[] {
  const writable = entityVariable(analysis.side);
  const inputOf = (node: AnyNode): string | null => {
    const binding = analysis.bindings.get(node);
    return binding?.kind === 'input' ? binding.name : null;
  };
  const slotOf = (node: AnyNode): number | null => {
    const binding = analysis.bindings.get(node);
    return binding?.kind === 'local' ? binding.slot : null;
  };

  const depsOf = (root: AnyNode | null | undefined): Deps => {
    const deps: Deps = { reads: [], slots: [] };
    const stack: AnyNode[] = root ? [root] : [];
    while (stack.length > 0) {
      const node = stack.pop() as AnyNode;
      if (node.type === 'MemberExpression') {
        const chain = memberChain(node);
        if (chain.root.type === 'Identifier') {
          if (inputOf(chain.root) === 'replica') deps.reads.push(chain.path);
          const slot = slotOf(chain.root);
          if (slot !== null) deps.slots.push(slot);
          stack.push(...chain.computed);
          continue;
        }
      }
      if (node.type === 'Identifier') {
        if (inputOf(node) === 'replica') deps.reads.push([]);
        const slot = slotOf(node);
        if (slot !== null) deps.slots.push(slot);
        continue;
      }
      stack.push(...children(node));
    }
    return deps;
  };

  const slotDeps = new Map<number, Deps[]>();
  const writes: { target: string[]; deps: Deps[] }[] = [];
  const stack: { node: AnyNode; conditions: Deps[] }[] = analysis.program
    ? [{ node: analysis.program as unknown as AnyNode, conditions: [] }]
    : [];
  while (stack.length > 0) {
    const { node, conditions } = stack.pop() as { node: AnyNode; conditions: Deps[] };
    const guarded = (test: unknown): Deps[] => [...conditions, depsOf(test as AnyNode)];
    switch (node.type) {
      case 'IfStatement':
      case 'ConditionalExpression':
      case 'WhileStatement':
      case 'DoWhileStatement': {
        const inner = guarded(node.test);
        for (const child of children(node))
          stack.push({ node: child, conditions: child === node.test ? conditions : inner });
        continue;
      }
      case 'ForOfStatement':
      case 'ForInStatement': {
        const inner = guarded(node.right);
        for (const id of identifiersIn(node.left as AnyNode)) addSlot(slotDeps, slotOf(id), inner);
        stack.push(
          { node: node.right as AnyNode, conditions },
          { node: node.body as AnyNode, conditions: inner },
        );
        continue;
      }
      case 'VariableDeclarator': {
        const deps = [...conditions, depsOf(node.init as AnyNode | null)];
        for (const id of identifiersIn(node.id as AnyNode)) addSlot(slotDeps, slotOf(id), deps);
        if (node.init) stack.push({ node: node.init as AnyNode, conditions });
        continue;
      }
      case 'AssignmentExpression': {
        const left = node.left as AnyNode;
        const deps = [...conditions, depsOf(node.right as AnyNode)];
        if (left.type === 'MemberExpression') {
          const chain = memberChain(left);
          if (chain.root.type === 'Identifier' && inputOf(chain.root) === writable && chain.path.length > 0) {
            writes.push({ target: chain.path, deps });
          }
          stack.push(...chain.computed.map((child) => ({ node: child, conditions })));
        } else {
          for (const id of identifiersIn(left)) addSlot(slotDeps, slotOf(id), deps);
        }
        stack.push({ node: node.right as AnyNode, conditions });
        continue;
      }
      default:
        for (const child of children(node)) stack.push({ node: child, conditions });
    }
  }

  const byTarget = new Map<string, AssignmentReads>();
  for (const write of writes) {
    const key = JSON.stringify(write.target);
    const entry = byTarget.get(key) ?? { target: write.target, reads: [] };
    entry.reads.push(...resolve(write.deps, slotDeps));
    byTarget.set(key, entry);
  }
  return [...byTarget.values()].map((entry) => ({ target: entry.target, reads: uniquePaths(entry.reads) }));
}

/** The replica paths a set of deps reads, following locals to what was assigned to them. */
function resolve(deps: Deps[], slotDeps: Map<number, Deps[]>): string[][] {
  const reads: string[][] = [];
  const seen = new Set<number>();
  const queue: Deps[] = [...deps];
  for (let index = 0; index < queue.length; index++) {
    const next = queue[index] as Deps;
    reads.push(...next.reads);
    for (const slot of next.slots) {
      if (seen.has(slot)) continue;
      seen.add(slot);
      queue.push(...(slotDeps.get(slot) ?? []));
    }
  }
  return reads;
}

function addSlot(slotDeps: Map<number, Deps[]>, slot: number | null, deps: Deps[]): void {
  if (slot === null) return;
  const list = slotDeps.get(slot) ?? [];
  list.push(...deps);
  slotDeps.set(slot, list);
}

/**
 * A member chain such as `replica.custom["Tier"].name` or `replica.status?.name`: its root, the
 * static path from it (up to the first computed key that is not a literal), and the computed
 * keys, which are expressions of their own.
 */
function memberChain(node: AnyNode): { root: AnyNode; path: string[]; computed: AnyNode[] } {
  const names: (string | null)[] = [];
  const computed: AnyNode[] = [];
  let current = node;
  while (current.type === 'MemberExpression' || current.type === 'ChainExpression') {
    if (current.type === 'ChainExpression') {
      current = current.expression as AnyNode;
      continue;
    }
    const property = current.property as AnyNode;
    if (!current.computed && property.type === 'Identifier') names.push(String(property.name));
    else if (
      property.type === 'Literal' &&
      (typeof property.value === 'string' || typeof property.value === 'number')
    )
      names.push(String(property.value));
    else {
      names.push(null);
      computed.push(property);
    }
    current = current.object as AnyNode;
  }
  names.reverse();
  const end = names.indexOf(null);
  const path = (end === -1 ? names : names.slice(0, end)) as string[];
  if (current.type !== 'Identifier') computed.push(current);
  return { root: current, path, computed };
}

function identifiersIn(pattern: AnyNode): AnyNode[] {
  const found: AnyNode[] = [];
  const stack = [pattern];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'Identifier') found.push(node);
    else if (node.type !== 'MemberExpression') stack.push(...children(node));
  }
  return found;
}

/** The child nodes of a node, in source order reversed (so a stack pops them in order). */
function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type' || key === 'start' || key === 'end' || key === 'loc' || key === 'range') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) out.push(value);
  }
  return out.reverse();
}

function isNode(value: unknown): value is AnyNode {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

function uniquePaths(paths: string[][]): string[][] {
  const seen = new Map<string, string[]>();
  for (const path of paths) seen.set(JSON.stringify(path), path);
  return [...seen.values()];
}
