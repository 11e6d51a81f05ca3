/**
 * The Jira REST adapter: every Jira call of the app, one operation per file, over the `JiraHttp`
 * port. The handlers build a context per invocation (`createJiraContext(forgeJiraHttp())`) and
 * hand the core its ports (`createJiraEntityStore`, `createJiraAttachmentStore`,
 * `createJiraAttachmentSource`).
 */
export type { JiraHttp, JiraRequest, JiraResponse } from './jira-http';
export { forgeJiraHttp } from './forge-jira-http';
export { fetchJiraHttp } from './fetch-jira-http';
export { createCallCounter, createJiraContext, type CallCounter, type JiraContext } from './jira-call';
export { createJiraEntityStore, type JiraEntityStoreOptions } from './jira-entity-store';
export { createJiraAttachmentStore } from './jira-attachment-store';
export { createJiraAttachmentSource } from './jira-attachment-source';
export { readIssue } from './read-issue';
export { searchIssues, type SearchPage } from './search-issues';
export { validateJql } from './validate-jql';
export { linkProperty, writeLinkProperty, LINK_PROPERTY, type LinkProperty } from './issue-link-property';
export { DEFAULT_INTERNAL_VISIBILITY, type CommentVisibility } from './sync-comments';
