/**
 * The jest project of a workspace that uses the core through its package entries (forge-app,
 * sandbox): TypeScript transpiled by ts-jest (types are checked once by `npm run typecheck`), and
 * `@tandem/shared-ts/...` mapped to the core's source entries, as the typecheck sees them through
 * typesVersions, so a test never runs a stale build of shared-ts.
 */
module.exports = function workspaceProject(name) {
  return {
    displayName: name,
    testEnvironment: 'node',
    roots: ['<rootDir>'],
    testPathIgnorePatterns: ['/node_modules/'],
    testMatch: ['**/*.test.ts'],
    transform: {
      '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.json' }],
    },
    moduleNameMapper: {
      '^@tandem/shared-ts/(engine|protocol|replica|rules|lwc)$': '<rootDir>/../shared-ts/src/entries/$1.ts',
      '^@tandem/shared-ts/internal$': '<rootDir>/../shared-ts/src/internal.ts',
      '^@tandem/shared-ts/testing$': '<rootDir>/../shared-ts/src/testing/index.ts',
      '^@tandem/shared-ts$': '<rootDir>/../shared-ts/src/index.ts',
    },
  };
};
