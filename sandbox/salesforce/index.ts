/**
 * The Salesforce stand-in: an in-process model of one org (Case, CaseComment, FeedItem, files,
 * User) and an HTTP server of the REST API subset Tandem and its tests use, served to jsforce
 * unchanged. For tests and `npm start`; product code never imports it.
 */
export { SalesforceOrg, salesforceTime, MAX_VERSION_BYTES } from './model';
export type { ChangeListener, FieldValue, OrgChange, OrgError, OrgOutcome, OrgRecord } from './model';
export { startSalesforceStandin, API_VERSIONS, MAX_BODY_BYTES, type SalesforceStandin } from './server';
export { runQuery, compileWhereClause, MAX_QUERY_CHARS, type QueryRows, type RecordBody } from './soql';
export { makeId, toId18, isWellFormedId, normalizeId } from './ids';
export {
  OBJECTS,
  CASE_STATUSES,
  CASE_PRIORITIES,
  CASE_ORIGINS,
  type FieldDef,
  type ObjectDef,
} from './schema';
