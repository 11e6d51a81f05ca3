/** Runs shared-ts/conformance/plan-outgoing-after-apply/ against the code (docs/conformance.md). */
import { runVectorFolder } from './run-vector-folder';
import { planOutgoingAfterApplySuite } from './suites/plan-outgoing-after-apply';

runVectorFolder(planOutgoingAfterApplySuite);
