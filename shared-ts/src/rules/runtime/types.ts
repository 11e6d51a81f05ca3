/**
 * The contract of the rules runtimes (AST interpreter, IR interpreter). The engine and
 * the CLI program against these types; see docs/rules.md and docs/ir.md.
 */

/** Which platform the script runs on. */
export type Side = 'jira' | 'salesforce';
/** Outgoing: local entity -> replica. Incoming: replica -> local entity. */
export type Direction = 'outgoing' | 'incoming';

/** A finding of `check`, located in the script (1-based line, 1-based column). */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Stable machine code, e.g. `unknown-variable`, `forbidden-construct`. */
  code: string;
  message: string;
  /** A concrete fix where there is an obvious one ("did you mean `issue`?"). */
  hint?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** What a script sees. Unused entries may be omitted. */
export interface RuleInputs {
  /** The local entity view (`issue` on Jira, `entity` on Salesforce). */
  entity?: Record<string, unknown> | null;
  /** The replica being built (outgoing) or received (incoming). */
  replica?: Record<string, unknown> | null;
  /** Incoming only: the last applied replica, or null on first sync. */
  previous?: Record<string, unknown> | null;
  firstSync?: boolean;
  /** Connection facts a script may read (name, remote site, policy). */
  connection?: Record<string, unknown> | null;
  /** ISO-8601 instant that `date.now()` returns, so runs are reproducible. */
  now?: string;
}

/** Limits; every one stops evaluation with a `RuleError` when exceeded. */
export interface RuleLimits {
  /** Evaluation steps, weighted by the work each operation does (default 1,000,000). */
  maxSteps?: number;
  /** Characters of JSON output, and of any one text built (default 8,000,000). */
  maxOutputSize?: number;
  /** Elements of any list built or iterated (default 10,000). */
  maxListLength?: number;
  /** Units (text code units, list elements, object keys) of every value the run builds (default 8,000,000). */
  maxMemory?: number;
  /** Wall-clock milliseconds a run may take (default 5,000). */
  maxMillis?: number;
}

/** One assignment to the local entity made by an incoming script (last write per path wins). */
export interface EntityWrite {
  /** Member path below the entity variable: `['Subject']`, `['customFields', 'Sales Region']`. */
  path: string[];
  value: unknown;
}

/** A runtime failure, located in the script. Nothing is applied when a run fails. */
export interface RuleError {
  code: string;
  message: string;
  line: number;
  column: number;
}

export type RuleResult =
  | {
      ok: true;
      /** Outgoing: the replica the script built. Incoming: the entity after the script. */
      output: Record<string, unknown>;
      /** Incoming: the assignments to the local entity, in first-assignment order. */
      writes: EntityWrite[];
      steps: number;
    }
  | { ok: false; error: RuleError; steps: number };
