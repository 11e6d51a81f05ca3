/**
 * THE SANDBOX'S TWIN OF THE SALESFORCE PACKAGE, NOT WHAT SHIPS: the package's pipeline (capture,
 * push and pull, apply) in TypeScript over the Salesforce stand-in, so the sandbox can run both
 * nodes on one machine. What ships is the Apex in force-app/.
 */
export {
  createSalesforceTwin,
  DEFAULT_POLL_DELAY_MS,
  type SalesforceTwin,
  type SalesforceTwinOptions,
} from './salesforce-twin';
export {
  createCaseEntityStore,
  readCase,
  PENDING_ATTACHMENT_PREFIX,
  type InboundFlag,
} from './case-entity-store';
export { startCapture, type Capture, type CaptureReport, type SyncTrigger } from './capture';
export { createPuller, MAX_ROUNDS_PER_STEP, type Puller, type PullerRun, type PullerTimer } from './puller';
