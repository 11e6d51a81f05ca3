/** One jest (29, the major @salesforce/sfdx-lwc-jest needs) with a project per workspace. */
module.exports = {
  projects: [
    '<rootDir>/shared-ts',
    '<rootDir>/forge-app',
    '<rootDir>/sandbox',
    '<rootDir>/scripts/salesforce',
  ],
  // Linear-time suites time inputs up to 1 MiB several times, and measure again when a busy
  // machine spoils a ratio; jest's 5 s default is too short for that on a loaded 2-core host.
  // No test here waits on anything external, so a long timeout hides no hang of ours.
  testTimeout: 120_000,
};
