/** Runs shared-ts/conformance/record-attempt-failure/ against the code (docs/conformance.md). */
import { runVectorFolder } from './run-vector-folder';
import { recordAttemptFailureSuite } from './suites/record-attempt-failure';

runVectorFolder(recordAttemptFailureSuite);
