/** Runs shared-ts/conformance/carry-maybe-received/ against the code (docs/conformance.md). */
import { runVectorFolder } from './run-vector-folder';
import { carryMaybeReceivedSuite } from './suites/carry-maybe-received';

runVectorFolder(carryMaybeReceivedSuite);
