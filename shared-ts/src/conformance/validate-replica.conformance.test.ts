/** Runs shared-ts/conformance/validate-replica/ against the code (docs/conformance.md). */
import { runVectorFolder } from './run-vector-folder';
import { validateReplicaSuite } from './suites/validate-replica';

runVectorFolder(validateReplicaSuite);
