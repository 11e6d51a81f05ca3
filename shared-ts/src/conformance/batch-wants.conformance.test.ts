/** Runs shared-ts/conformance/attachments/batch-wants/ against the code (docs/conformance.md). */
import { runVectorFolder } from './run-vector-folder';
import { batchWantsSuite } from './suites/batch-wants';

runVectorFolder(batchWantsSuite);
