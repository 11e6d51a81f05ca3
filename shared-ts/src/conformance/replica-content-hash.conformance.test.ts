/** Runs shared-ts/conformance/replica-content-hash/ against the code (docs/conformance.md). */
import { runVectorFolder } from './run-vector-folder';
import { replicaContentHashSuite } from './suites/replica-content-hash';

runVectorFolder(replicaContentHashSuite);
