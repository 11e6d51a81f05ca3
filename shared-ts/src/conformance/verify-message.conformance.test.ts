/** Runs shared-ts/conformance/verify-message/ against the code (docs/conformance.md). */
import { runVectorFolder } from './run-vector-folder';
import { verifyMessageSuite } from './suites/verify-message';

runVectorFolder(verifyMessageSuite);
