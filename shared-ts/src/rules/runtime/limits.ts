/** The limits of a run, resolved from the caller's options, and the fixed limits of scripts and IR. */
import type { RuleLimits } from './types';

/** Deepest nesting of a script (AST nodes, or open brackets while parsing) and of IR nodes. */
export const MAX_NESTING = 200;
/** Most AST nodes in a script, IR nodes in a program, and local slots. */
export const MAX_NODES = 20_000;
/** Most tokens acorn may read from one script. */
export const MAX_TOKENS = 60_000;
/** Longest script text, in UTF-16 code units (256 KiB). */
export const MAX_SCRIPT_LENGTH = 262_144;

/** The limits a run gets when the caller sets none (docs/ir.md, "Limits and steps"). */
export const DEFAULT_LIMITS: Readonly<Required<RuleLimits>> = Object.freeze({
  maxSteps: 1_000_000,
  maxOutputSize: 8_000_000,
  maxListLength: 10_000,
  maxMemory: 8_000_000,
  maxMillis: 5_000,
});

/** Fills in the defaults; every limit is a non-negative integer. */
export function resolveLimits(limits: RuleLimits = {}): Required<RuleLimits> {
  return {
    maxSteps: positive(limits.maxSteps, DEFAULT_LIMITS.maxSteps),
    maxOutputSize: positive(limits.maxOutputSize, DEFAULT_LIMITS.maxOutputSize),
    maxListLength: positive(limits.maxListLength, DEFAULT_LIMITS.maxListLength),
    maxMemory: positive(limits.maxMemory, DEFAULT_LIMITS.maxMemory),
    maxMillis: positive(limits.maxMillis, DEFAULT_LIMITS.maxMillis),
  };
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}
