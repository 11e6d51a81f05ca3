/**
 * Where a node is, for errors and for the IR's `at`: reads point at the field or method
 * name (`.email`, `.trim`), index reads at the key, everything else at the node's start.
 */
import type { Node } from 'acorn';
import type { At } from '../runtime/ir';

/** The location errors of this node are reported at. */
export function locationOf(node: Node): At {
  let target: Node = node;
  if (node.type === 'MemberExpression') {
    target = (node as unknown as { property: Node }).property;
  } else if (node.type === 'CallExpression') {
    const callee = (node as unknown as { callee: Node & { property?: Node; object?: Node } }).callee;
    if (callee.type === 'MemberExpression' && callee.property && !isNamespace(callee.object))
      target = callee.property;
  }
  const start = target.loc?.start;
  return [start?.line ?? 1, (start?.column ?? 0) + 1];
}

function isNamespace(object: Node | undefined): boolean {
  const name = object?.type === 'Identifier' ? (object as unknown as { name: string }).name : '';
  return name === 'html' || name === 'text' || name === 'date';
}
