/** Runs shared-ts/conformance/coalesce-queue-item/ against the code (docs/conformance.md). */
import { runVectorFolder } from './run-vector-folder';
import { coalesceQueueItemSuite } from './suites/coalesce-queue-item';

runVectorFolder(coalesceQueueItemSuite);
