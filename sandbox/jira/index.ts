/**
 * The Jira Cloud stand-in: an in-process model of one site and an HTTP server of the REST v3
 * subset Tandem uses, with product events and chaos knobs. For tests and `npm start`; product
 * code never imports it.
 */
export { JiraModel, defaultWorkflow, ISSUE_PROPERTY_MAX_BYTES } from './model';
export type {
  StandinAttachment,
  StandinComment,
  StandinField,
  StandinIssue,
  StandinProject,
  StandinStatus,
  StandinTransition,
  StandinUser,
  StandinWorkflow,
} from './model';
export { startJiraStandin, type JiraStandin, type ServerChaos } from './server';
export { compileJql, type JqlCompiled } from './jql';
export type { EventChaos, EventOutbox, EventSubscriber, ProductEvent, ProductEventType } from './events';
