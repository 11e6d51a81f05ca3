/** The limits of a run, resolved from the caller's options. */
import type { RuleLimits } from './types';

/** The limits a run gets when the caller sets none. */
export const DEFAULT_LIMITS: Readonly<Required<RuleLimits>> = Object.freeze({
  maxSteps: 100_000,
  maxOutputSize: 1_000_000,
  maxListLength: 10_000,
});

/** Fills in the defaults; every limit is a positive integer. */
export function resolveLimits(limits: RuleLimits = {}): Required<RuleLimits> {
  return {
    maxSteps: positive(limits.maxSteps, DEFAULT_LIMITS.maxSteps),
    maxOutputSize: positive(limits.maxOutputSize, DEFAULT_LIMITS.maxOutputSize),
    maxListLength: positive(limits.maxListLength, DEFAULT_LIMITS.maxListLength),
  };
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}
