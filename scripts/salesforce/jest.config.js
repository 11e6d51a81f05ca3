/** scripts/salesforce: the offline checks of the Salesforce package (Apex, metadata, vector resources). */
module.exports = {
  displayName: 'salesforce',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../../tsconfig.json' }],
  },
};
