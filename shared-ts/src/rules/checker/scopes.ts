/**
 * Lexical scopes of a script while it is checked: local variables by name, each with its
 * own slot number, and the names a block declares further down (used before that point,
 * they are an error, as in JavaScript).
 */
import type { Statement } from 'acorn';
import { OPEN, type Shape } from '../runtime/schema';

/** A local variable. */
export interface Local {
  slot: number;
  constant: boolean;
  /** What the checker knows of its value (for field warnings). */
  shape: Shape;
  /** Set while the name is declared later in its block: the line of that declaration. */
  pendingLine?: number;
}

/** The stack of scopes; slots are numbered across the whole script and never reused. */
export class Scopes {
  /** How many slots have been handed out. */
  slots = 0;
  private readonly stack: Map<string, Local>[] = [];

  /** Runs `body` in a new scope in which the names `declarations` declare are pending. */
  within(body: () => void, declarations: Statement[] = []): void {
    const scope = new Map<string, Local>();
    for (const statement of declarations) {
      if (statement.type !== 'VariableDeclaration') continue;
      for (const declarator of statement.declarations) {
        if (declarator.id.type !== 'Identifier') continue;
        const pendingLine = declarator.id.loc?.start.line ?? 1;
        scope.set(declarator.id.name, { slot: -1, constant: true, shape: OPEN, pendingLine });
      }
    }
    this.stack.push(scope);
    try {
      body();
    } finally {
      this.stack.pop();
    }
  }

  /** Declares a name in the innermost scope with a new slot. */
  declare(name: string, constant: boolean, shape: Shape): Local {
    const local: Local = { slot: this.slots++, constant, shape };
    this.stack[this.stack.length - 1]?.set(name, local);
    return local;
  }

  /** The innermost local of that name (possibly pending), if any. */
  lookup(name: string): Local | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const local = this.stack[i]?.get(name);
      if (local) return local;
    }
    return undefined;
  }

  /** Every local name in scope, innermost first. */
  names(): string[] {
    return this.stack.flatMap((scope) => [...scope.keys()]).reverse();
  }
}
