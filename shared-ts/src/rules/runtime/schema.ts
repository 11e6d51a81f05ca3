/**
 * The fields scripts can expect on the platform objects (`issue`, `entity`, `replica`...),
 * so the checker can warn about a misspelt field. Only warnings: data may carry more.
 */
import type { Direction, Side } from './types';

/** What the checker knows about a value's fields. `open` means "anything, no warnings". */
export type Shape =
  | {
      kind: 'object';
      /** How the object is named in messages (`issue`, `replica.status`). */
      label: string;
      fields: Readonly<Record<string, Shape>>;
      /** Fields not listed but still valid (Salesforce `Foo__c`, `Foo__r`). */
      extra?: (name: string) => Shape | undefined;
    }
  | { kind: 'list'; element: Shape }
  | { kind: 'open' };

/** A value the checker knows nothing about. */
export const OPEN: Shape = { kind: 'open' };

function object(label: string, names: string[], nested: Record<string, Shape> = {}): Shape {
  const fields: Record<string, Shape> = {};
  for (const name of names) fields[name] = OPEN;
  return { kind: 'object', label, fields: { ...fields, ...nested } };
}

function list(element: Shape): Shape {
  return { kind: 'list', element };
}

const named = (label: string): Shape => object(label, ['name']);
const replicaUser = (label: string): Shape => object(label, ['email', 'displayName', 'platformId']);

const REPLICA_COMMENT = object('comment', ['id', 'body', 'created', 'updated', 'internal'], {
  author: replicaUser('comment.author'),
});
const REPLICA_ATTACHMENT = object(
  'attachment',
  ['id', 'filename', 'mimeType', 'size', 'sha256', 'created', 'ref'],
  {
    author: replicaUser('attachment.author'),
  },
);

/** The replica (docs/replica.md); `custom` holds custom fields by display name. */
export const REPLICA_SHAPE: Shape = object(
  'replica',
  ['schema', 'seq', 'hash', 'summary', 'description', 'labels', 'created', 'updated', 'due', 'custom'],
  {
    entity: object('replica.entity', ['platform', 'type', 'id', 'key', 'url']),
    status: object('replica.status', ['name', 'category']),
    priority: named('replica.priority'),
    assignee: replicaUser('replica.assignee'),
    reporter: replicaUser('replica.reporter'),
    resolution: named('replica.resolution'),
    type: named('replica.type'),
    project: object('replica.project', ['key', 'name']),
    parent: object('replica.parent', ['id', 'key', 'url']),
    labels: list(OPEN),
    comments: list(REPLICA_COMMENT),
    attachments: list(REPLICA_ATTACHMENT),
  },
);

const jiraUser = (label: string): Shape => object(label, ['email', 'displayName', 'accountId']);

/** The Jira issue view; `projectKey` and `typeName` are what an incoming script sets on first sync. */
function jiraIssueShape(direction: Direction): Shape {
  const writableOnCreate = direction === 'incoming' ? ['projectKey', 'typeName'] : [];
  return object(
    'issue',
    [
      'key',
      'id',
      'summary',
      'description',
      'created',
      'updated',
      'dueDate',
      'customFields',
      ...writableOnCreate,
    ],
    {
      status: object('issue.status', ['name', 'category']),
      priority: named('issue.priority'),
      labels: list(OPEN),
      assignee: jiraUser('issue.assignee'),
      reporter: jiraUser('issue.reporter'),
      issueType: named('issue.issueType'),
      project: object('issue.project', ['key', 'name']),
      resolution: named('issue.resolution'),
      parent: object('issue.parent', ['key']),
      components: list(named('component')),
      fixVersions: list(named('fixVersion')),
      comments: list(OPEN),
      attachments: list(OPEN),
    },
  );
}

/** Salesforce objects accept any custom field (`__c`) and custom relationship (`__r`). */
function sobject(label: string, names: string[], nested: Record<string, Shape> = {}): Shape {
  const base = object(label, names, nested);
  return {
    ...(base as Extract<Shape, { kind: 'object' }>),
    extra: (name) => (name.endsWith('__c') ? OPEN : name.endsWith('__r') ? OPEN : undefined),
  };
}

const USER_FIELDS = [
  'Id',
  'Name',
  'FirstName',
  'LastName',
  'Email',
  'Username',
  'Alias',
  'Title',
  'Department',
  'IsActive',
  'FederationIdentifier',
  'Phone',
  'Type',
];
const user = (label: string): Shape => sobject(label, USER_FIELDS);

const CASE_FIELDS = [
  'Id',
  'CaseNumber',
  'Subject',
  'Description',
  'Status',
  'Priority',
  'Origin',
  'Type',
  'Reason',
  'IsClosed',
  'IsEscalated',
  'ClosedDate',
  'CreatedDate',
  'LastModifiedDate',
  'SystemModstamp',
  'OwnerId',
  'AccountId',
  'ContactId',
  'ContactEmail',
  'ContactPhone',
  'ContactMobile',
  'ContactFax',
  'SuppliedEmail',
  'SuppliedName',
  'SuppliedCompany',
  'SuppliedPhone',
  'ParentId',
  'AssetId',
  'ProductId',
  'EntitlementId',
  'BusinessHoursId',
  'SourceId',
  'Comments',
  'Language',
  'IsDeleted',
  'CreatedById',
  'LastModifiedById',
  'RecordTypeId',
  'MasterRecordId',
  'ServiceContractId',
  'CurrencyIsoCode',
  'SlaStartDate',
  'SlaExitDate',
  'IsStopped',
  'StopStartDate',
  'MilestoneStatus',
  'entityType',
];

/** The Salesforce record view (a Case by default) with its parent lookups as objects. */
function salesforceEntityShape(): Shape {
  return sobject('entity', CASE_FIELDS, {
    Account: sobject('entity.Account', [
      'Id',
      'Name',
      'AccountNumber',
      'Type',
      'Industry',
      'Phone',
      'Website',
      'Rating',
      'Description',
      'BillingStreet',
      'BillingCity',
      'BillingState',
      'BillingPostalCode',
      'BillingCountry',
      'OwnerId',
      'ParentId',
      'NumberOfEmployees',
      'AnnualRevenue',
    ]),
    Contact: sobject('entity.Contact', [
      'Id',
      'Name',
      'FirstName',
      'LastName',
      'Email',
      'Phone',
      'MobilePhone',
      'Title',
      'Department',
      'AccountId',
    ]),
    Owner: user('entity.Owner'),
    CreatedBy: user('entity.CreatedBy'),
    LastModifiedBy: user('entity.LastModifiedBy'),
    RecordType: sobject('entity.RecordType', ['Id', 'Name', 'DeveloperName']),
    Parent: OPEN,
    Asset: OPEN,
    Product: OPEN,
    comments: list(OPEN),
    attachments: list(OPEN),
  });
}

/** The shape of the local entity variable of a side. */
export function entityShape(side: Side, direction: Direction): Shape {
  return side === 'jira' ? jiraIssueShape(direction) : salesforceEntityShape();
}
