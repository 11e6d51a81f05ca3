/** Runs shared-ts/conformance/canonical-json/ against the code (docs/conformance.md). */
import { runVectorFolder } from './run-vector-folder';
import { canonicalJsonSuite } from './suites/canonical-json';

runVectorFolder(canonicalJsonSuite);
