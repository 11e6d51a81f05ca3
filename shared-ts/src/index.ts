/**
 * The public surface of Tandem's portable core, one namespace per part an adapter uses. Each is
 * also a package entry of its own (`@tandem/shared-ts/engine`, `/protocol`, `/rules`,
 * `/replica`; the LWC service module's `/lwc`); planners and helpers are in `/internal` (the
 * harness, tests and bench), in-memory ports in `/testing`. docs/adapter-api.md says which
 * entry an adapter uses. Nothing here imports a platform API.
 */
export * as engine from './entries/engine';
export * as protocol from './entries/protocol';
export * as replica from './entries/replica';
export * as rules from './entries/rules';
