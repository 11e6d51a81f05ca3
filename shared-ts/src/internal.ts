/**
 * Everything the core exports between its modules, planners and helpers included: for the
 * two-node harness, the CLI, tests and bench, not for adapters (they use the entries named in
 * `index.ts`, whose surface a test pins). Package entry `@tandem/shared-ts/internal`.
 */
export * from './replica';
export * from './sync';
export * from './protocol';
export * from './rules';
export * from './rules/basic-mode';
