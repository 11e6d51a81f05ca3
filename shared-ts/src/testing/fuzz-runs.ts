/**
 * How many runs a fuzz or property test makes. `npm test` uses the bounded default each test
 * names; `TANDEM_FUZZ_RUNS=N` (README: "Long runs") multiplies every fuzz suite for a hunt.
 */

/** The run count for a fuzz test: its own default in `npm test`, times `TANDEM_FUZZ_RUNS` when set. */
export function fuzzRuns(defaultRuns: number): number {
  const raw = process.env['TANDEM_FUZZ_RUNS'];
  const factor = raw === undefined ? 1 : Number(raw);
  if (!Number.isInteger(factor) || factor < 1) return defaultRuns;
  return defaultRuns * factor;
}

/** True when a long hunt was asked for (`TANDEM_FUZZ_RUNS` > 1): tests may widen their inputs. */
export function isLongFuzzRun(): boolean {
  return fuzzRuns(1) > 1;
}
