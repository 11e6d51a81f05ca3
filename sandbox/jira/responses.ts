/**
 * What the stand-in answers, built from the model. Every builder is annotated with jira.js 5.4's
 * `Version3Models` types (a maintained description of Jira Cloud REST v3): when the stand-in's
 * shapes drift from them, `npm run typecheck` fails.
 */
// jira.js's `Version3Models` namespace, by path: the package's `exports` map is not read under
// the root tsconfig's node10 resolution, and a type-only import costs nothing at run time.
import type * as V3 from 'jira.js/dist/esm/types/version3/models';
import type { JsonValue } from '@tandem/shared-ts/replica';
import type {
  JiraModel,
  StandinAttachment,
  StandinComment,
  StandinField,
  StandinIssue,
  StandinStatus,
  StandinTransition,
  StandinUser,
} from './model';

const CATEGORY: Record<StandinStatus['category'], V3.StatusCategory> = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
};

/** A user as the REST API shows it to others (email only where the user's privacy settings allow). */
export function userDetails(model: JiraModel, user: StandinUser): V3.UserDetails {
  const details: V3.UserDetails = {
    self: `${model.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    displayName: user.displayName,
    active: true,
    accountType: user.accountType,
    timeZone: 'UTC',
  };
  if (user.emailAddress !== null) details.emailAddress = user.emailAddress;
  return details;
}

/** `GET /myself`, `GET /user`. */
export function userBody(model: JiraModel, user: StandinUser): V3.User {
  return { ...userDetails(model, user), accountId: user.accountId, active: true };
}

export function statusDetails(model: JiraModel, status: StandinStatus): V3.StatusDetails {
  return {
    self: `${model.baseUrl}/rest/api/3/status/${status.id}`,
    id: status.id,
    name: status.name,
    description: '',
    statusCategory: {
      ...CATEGORY[status.category],
      self: `${model.baseUrl}/rest/api/3/statuscategory/${CATEGORY[status.category].id}`,
    },
  };
}

export function fieldDetails(field: StandinField): V3.FieldDetails {
  return {
    id: field.id,
    key: field.id,
    name: field.name,
    custom: field.custom,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: field.custom
      ? [field.id.replace('customfield_', 'cf['), field.name].map((n) => (n.startsWith('cf[') ? `${n}]` : n))
      : [field.id],
    schema: { ...field.schema },
  };
}

export function commentBody(
  model: JiraModel,
  issue: StandinIssue,
  comment: StandinComment,
  expandProperties: boolean,
): V3.Comment {
  const author = model.users.get(comment.authorId);
  const updater = model.users.get(comment.updateAuthorId);
  const body: V3.Comment = {
    self: `${model.baseUrl}/rest/api/3/issue/${issue.id}/comment/${comment.id}`,
    id: comment.id,
    body: comment.body as unknown as V3.Document,
    created: comment.created,
    updated: comment.updated,
    jsdPublic: comment.visibility === null,
  };
  if (author) body.author = userDetails(model, author);
  if (updater) body.updateAuthor = userDetails(model, updater);
  if (comment.visibility) body.visibility = { ...comment.visibility, identifier: comment.visibility.value };
  if (expandProperties) body.properties = [...comment.properties].map(([key, value]) => ({ key, value }));
  return body;
}

export function commentPage(
  model: JiraModel,
  issue: StandinIssue,
  startAt: number,
  maxResults: number,
  expandProperties: boolean,
): V3.PageOfComments {
  return {
    startAt,
    maxResults,
    total: issue.comments.length,
    comments: issue.comments
      .slice(startAt, startAt + maxResults)
      .map((c) => commentBody(model, issue, c, expandProperties)),
  };
}

export function attachmentBody(model: JiraModel, attachment: StandinAttachment): V3.Attachment {
  const author = model.users.get(attachment.authorId);
  const body: V3.Attachment = {
    self: `${model.baseUrl}/rest/api/3/attachment/${attachment.id}`,
    id: attachment.id,
    filename: attachment.filename,
    created: attachment.created,
    size: attachment.bytes.length,
    mimeType: attachment.mimeType,
    content: `${model.baseUrl}/rest/api/3/attachment/content/${attachment.id}`,
  };
  if (author) body.author = userDetails(model, author);
  return body;
}

export function attachmentMetadata(model: JiraModel, attachment: StandinAttachment): V3.AttachmentMetadata {
  const author = model.users.get(attachment.authorId);
  const body: V3.AttachmentMetadata = {
    id: Number(attachment.id),
    self: `${model.baseUrl}/rest/api/3/attachment/${attachment.id}`,
    filename: attachment.filename,
    created: attachment.created,
    size: attachment.bytes.length,
    mimeType: attachment.mimeType,
    content: `${model.baseUrl}/rest/api/3/attachment/content/${attachment.id}`,
  };
  if (author) body.author = userBody(model, author);
  return body;
}

/** The first page of comments the issue carries in `fields.comment` (Jira embeds up to 20 here... we use 50). */
export const EMBEDDED_COMMENTS = 50;

/** A field's value as `GET /issue` shows it. */
function fieldValue(model: JiraModel, issue: StandinIssue, fieldId: string): unknown {
  const project = model.projectOf(issue);
  switch (fieldId) {
    case 'status':
      return statusDetails(model, model.statusOf(issue));
    case 'project':
      return {
        self: `${model.baseUrl}/rest/api/3/project/${project.id}`,
        id: project.id,
        key: project.key,
        name: project.name,
      };
    case 'issuetype': {
      const type = project.issueTypes.find((t) => t.id === issue.issueTypeId);
      return {
        self: `${model.baseUrl}/rest/api/3/issuetype/${issue.issueTypeId}`,
        id: issue.issueTypeId,
        name: type?.name,
        subtask: false,
      };
    }
    case 'created':
      return issue.created;
    case 'updated':
      return issue.updated;
    case 'attachment':
      return issue.attachments.map((a) => attachmentBody(model, a));
    case 'comment': {
      const page = commentPage(model, issue, 0, EMBEDDED_COMMENTS, false);
      return { ...page, self: `${model.baseUrl}/rest/api/3/issue/${issue.id}/comment` };
    }
    case 'assignee':
    case 'reporter': {
      const accountId = issue.fields.get(fieldId);
      const user = typeof accountId === 'string' ? model.users.get(accountId) : undefined;
      return user ? userDetails(model, user) : null;
    }
    case 'priority': {
      const priority = issue.fields.get('priority') as { id: string; name: string } | null;
      return priority ? { ...priority, self: `${model.baseUrl}/rest/api/3/priority/${priority.id}` } : null;
    }
    default:
      return issue.fields.get(fieldId) ?? null;
  }
}

/** Which fields a `fields` parameter names: `*all`, `*navigable` (all here), a list, `-field` exclusions. */
export function selectFields(model: JiraModel, requested: string | null): string[] {
  const all = model.fields.map((f) => f.id);
  if (requested === null || requested === '') return all;
  const parts = requested
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const wantsAll = parts.some((p) => p === '*all' || p === '*navigable');
  const excluded = new Set(parts.filter((p) => p.startsWith('-')).map((p) => p.slice(1)));
  const base = wantsAll ? all : parts.filter((p) => !p.startsWith('-') && !p.startsWith('*'));
  return base.filter((id) => !excluded.has(id) && all.includes(id));
}

/** `GET /issue/{idOrKey}` and a search hit. */
export function issueBody(
  model: JiraModel,
  issue: StandinIssue,
  fieldIds: string[],
  expand: string[],
  propertyKeys: string[] = [],
): V3.Issue {
  const fields: Record<string, unknown> = {};
  for (const id of fieldIds) fields[id] = fieldValue(model, issue, id);
  const body: V3.Issue = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${model.baseUrl}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields: fields as V3.Fields,
  };
  if (expand.includes('names')) {
    body.names = Object.fromEntries(fieldIds.map((id) => [id, model.fieldById(id)?.name ?? id]));
  }
  if (expand.includes('schema')) {
    body.schema = Object.fromEntries(fieldIds.map((id) => [id, model.fieldById(id)?.schema]));
  }
  if (propertyKeys.length > 0) {
    const properties: Record<string, JsonValue> = {};
    for (const key of propertyKeys) {
      const value = issue.properties.get(key);
      if (value !== undefined) properties[key] = value;
    }
    body.properties = properties;
  }
  return body;
}

/** `GET /issue/{id}/editmeta`: the fields an edit may set, each with its schema. */
export function editMeta(model: JiraModel): V3.IssueUpdateMetadata {
  const fixed = new Set(['status', 'created', 'updated', 'attachment', 'comment', 'project', 'issuetype']);
  const fields: Record<string, unknown> = {};
  for (const field of model.fields) {
    if (fixed.has(field.id)) continue;
    fields[field.id] = {
      required: field.id === 'summary',
      schema: { ...field.schema },
      name: field.name,
      key: field.id,
      operations: field.schema.type === 'array' ? ['set', 'add', 'remove'] : ['set'],
    };
  }
  return { fields };
}

export function transitionBody(
  model: JiraModel,
  issue: StandinIssue,
  transition: StandinTransition,
): V3.IssueTransition {
  const to = model.projectOf(issue).workflow.statuses.find((s) => s.id === transition.to);
  const body: V3.IssueTransition = {
    id: transition.id,
    name: transition.name,
    hasScreen: false,
    isGlobal: transition.from.length === 0,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    looped: false,
  };
  if (to) body.to = statusDetails(model, to);
  return body;
}

/** `GET /workflow/search?expand=transitions,statuses` for one workflow. */
export function workflowBody(model: JiraModel, projectKey: string): V3.Workflow | null {
  const project = model.projects.get(projectKey);
  if (!project) return null;
  const workflow = project.workflow;
  return {
    id: { name: workflow.name, entityId: `wf-${project.id}` },
    description: '',
    statuses: workflow.statuses.map((s) => ({ id: s.id, name: s.name })),
    transitions: workflow.transitions.map((t) => ({
      id: t.id,
      name: t.name,
      description: '',
      from: [...t.from],
      to: t.to,
      type: t.from.length === 0 ? 'global' : 'directed',
    })),
  };
}
