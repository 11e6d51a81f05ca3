/** Runs shared-ts/conformance/forget-unsent-snapshot/ against the code (docs/conformance.md). */
import { runVectorFolder } from './run-vector-folder';
import { forgetUnsentSnapshotSuite } from './suites/forget-unsent-snapshot';

runVectorFolder(forgetUnsentSnapshotSuite);
