/** Runs shared-ts/conformance/refresh-pending-replica/ against the code (docs/conformance.md). */
import { runVectorFolder } from './run-vector-folder';
import { refreshPendingReplicaSuite } from './suites/refresh-pending-replica';

runVectorFolder(refreshPendingReplicaSuite);
