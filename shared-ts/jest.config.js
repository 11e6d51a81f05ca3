/** shared-ts: TypeScript transpiled by ts-jest; types are checked once by `npm run typecheck`. */
module.exports = {
  displayName: 'shared-ts',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.json' }],
  },
};
