import { fuzzRuns, isLongFuzzRun } from './fuzz-runs';

describe('fuzzRuns', () => {
  const saved = process.env['TANDEM_FUZZ_RUNS'];
  afterEach(() => {
    if (saved === undefined) delete process.env['TANDEM_FUZZ_RUNS'];
    else process.env['TANDEM_FUZZ_RUNS'] = saved;
  });

  it('is the default when TANDEM_FUZZ_RUNS is unset', () => {
    delete process.env['TANDEM_FUZZ_RUNS'];
    expect(fuzzRuns(200)).toBe(200);
    expect(isLongFuzzRun()).toBe(false);
  });

  it('multiplies the default by TANDEM_FUZZ_RUNS', () => {
    process.env['TANDEM_FUZZ_RUNS'] = '50';
    expect(fuzzRuns(200)).toBe(10_000);
    expect(isLongFuzzRun()).toBe(true);
  });

  it('ignores a value that is not a positive integer', () => {
    process.env['TANDEM_FUZZ_RUNS'] = 'lots';
    expect(fuzzRuns(200)).toBe(200);
  });
});
