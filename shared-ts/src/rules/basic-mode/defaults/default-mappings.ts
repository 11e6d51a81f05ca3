/**
 * The mapping tables behind Basic mode's defaults for Case <-> issue. The default scripts in
 * this folder are exactly what `generateRules` makes of these tables (a test holds them to it),
 * so an admin who edits the table in the console starts from the same rules.
 */
import type { Side } from '../../runtime/types';
import type { MappingTable } from '../mapping-table';

/** Jira side: issue fields <-> replica, taking in Salesforce's Case vocabulary. */
export const JIRA_DEFAULT_MAPPING: MappingTable = {
  rows: [
    { local: 'summary', remote: 'summary', direction: 'both' },
    { local: 'description', remote: 'description', direction: 'both' },
    {
      local: 'status',
      remote: 'status',
      direction: 'both',
      values: { 'To Do': 'New', 'In Progress': ['Working', 'Escalated'], Done: 'Closed' },
      categories: { 'To Do': 'new', 'In Progress': 'indeterminate', Done: 'done' },
    },
    {
      local: 'priority',
      remote: 'priority',
      direction: 'both',
      values: { High: 'High', Medium: 'Medium', Low: 'Low' },
    },
    { local: 'labels', remote: 'labels', direction: 'both' },
    { local: 'comments', remote: 'comments', direction: 'both' },
    { local: 'attachments', remote: 'attachments', direction: 'both' },
  ],
  create: { projectKey: 'SUP', typeName: 'Task' },
};

/** Salesforce side: Case fields <-> replica, taking in Jira's vocabulary. */
export const SALESFORCE_DEFAULT_MAPPING: MappingTable = {
  rows: [
    { local: 'Subject', remote: 'summary', direction: 'both' },
    { local: 'Description', remote: 'description', direction: 'both', transform: 'text<->html' },
    {
      local: 'Status',
      remote: 'status',
      direction: 'both',
      values: { New: 'To Do', Working: 'In Progress', Escalated: 'In Progress', Closed: 'Done' },
      categories: { New: 'new', Working: 'indeterminate', Escalated: 'indeterminate', Closed: 'done' },
    },
    {
      local: 'Priority',
      remote: 'priority',
      direction: 'both',
      values: { High: ['High', 'Highest'], Medium: 'Medium', Low: ['Low', 'Lowest'] },
    },
    { local: 'comments', remote: 'comments', direction: 'both' },
    { local: 'attachments', remote: 'attachments', direction: 'both' },
  ],
  create: { entityType: 'Case' },
};

/** The default mapping table of each side. */
export const DEFAULT_MAPPINGS: Readonly<Record<Side, MappingTable>> = {
  jira: JIRA_DEFAULT_MAPPING,
  salesforce: SALESFORCE_DEFAULT_MAPPING,
};
