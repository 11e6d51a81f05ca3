/** Runs shared-ts/conformance/next-retry-delay/ against the code (docs/conformance.md). */
import { runVectorFolder } from './run-vector-folder';
import { nextRetryDelaySuite } from './suites/next-retry-delay';

runVectorFolder(nextRetryDelaySuite);
