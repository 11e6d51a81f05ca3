/** Runs shared-ts/conformance/resolve-conflict/ against the code (docs/conformance.md). */
import { runVectorFolder } from './run-vector-folder';
import { resolveConflictSuite } from './suites/resolve-conflict';

runVectorFolder(resolveConflictSuite);
