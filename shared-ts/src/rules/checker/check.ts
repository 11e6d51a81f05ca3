/** `check`: the diagnostics an admin sees while editing a script. */
import { analyze } from './subset-checker';
import type { Diagnostic, Direction, Side } from '../runtime/types';

/** Checks a script: errors and warnings with 1-based line:column and a hint where there is an obvious fix, sorted by position. */
export function check(script: string, side: Side, direction: Direction): Diagnostic[] {
  return analyze(script, side, direction).diagnostics;
}
