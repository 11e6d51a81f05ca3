/** Runs shared-ts/conformance/plan-outgoing-send/ against the code (docs/conformance.md). */
import { runVectorFolder } from './run-vector-folder';
import { planOutgoingSendSuite } from './suites/plan-outgoing-send';

runVectorFolder(planOutgoingSendSuite);
