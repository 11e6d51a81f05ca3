/**
 * The parts of Jira Cloud REST v3 bodies the adapter reads, as loose types: every member is
 * optional and checked where read, because a site's answer is outside input. The stand-in's
 * answers are held to jira.js's `Version3Models` (sandbox/jira/responses.ts).
 */

export interface RestUser {
  accountId?: string;
  displayName?: string;
  /** Absent when the user's privacy settings hide it. */
  emailAddress?: string;
}

export interface RestComment {
  id?: string;
  author?: RestUser;
  body?: unknown;
  created?: string;
  updated?: string;
  visibility?: { type?: string; value?: string };
  jsdPublic?: boolean;
  properties?: { key?: string; value?: unknown }[];
}

export interface RestCommentPage {
  startAt?: number;
  maxResults?: number;
  total?: number;
  comments?: RestComment[];
}

export interface RestAttachment {
  id?: string | number;
  filename?: string;
  mimeType?: string;
  size?: number;
  created?: string;
  author?: RestUser;
}

export interface RestIssue {
  id?: string;
  key?: string;
  self?: string;
  fields?: Record<string, unknown>;
  names?: Record<string, string>;
  schema?: Record<string, RestFieldSchema | undefined>;
  properties?: Record<string, unknown>;
}

export interface RestFieldSchema {
  type?: string;
  items?: string;
  system?: string;
  custom?: string;
}

export interface RestField {
  id?: string;
  name?: string;
  custom?: boolean;
  schema?: RestFieldSchema;
}

export interface RestTransition {
  id?: string;
  name?: string;
  to?: { id?: string; name?: string };
}

export interface RestWorkflow {
  id?: { name?: string };
  statuses?: { id?: string; name?: string }[];
  transitions?: { id?: string; name?: string; from?: string[]; to?: string }[];
}
