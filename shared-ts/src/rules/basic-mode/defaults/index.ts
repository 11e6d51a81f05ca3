/** Basic mode's default rule sets for Case <-> issue, and the mapping tables they come from. */
import type { Direction, Side } from '../../runtime/types';
import { JIRA_INCOMING_RULES } from './jira-incoming';
import { JIRA_OUTGOING_RULES } from './jira-outgoing';
import { SALESFORCE_INCOMING_RULES } from './salesforce-incoming';
import { SALESFORCE_OUTGOING_RULES } from './salesforce-outgoing';

export { DEFAULT_MAPPINGS, JIRA_DEFAULT_MAPPING, SALESFORCE_DEFAULT_MAPPING } from './default-mappings';
export { JIRA_INCOMING_RULES, JIRA_OUTGOING_RULES, SALESFORCE_INCOMING_RULES, SALESFORCE_OUTGOING_RULES };

/** The default script for each side and direction: what a new connection runs in Basic mode. */
export const DEFAULT_RULES: Readonly<Record<Side, Readonly<Record<Direction, string>>>> = {
  jira: { outgoing: JIRA_OUTGOING_RULES, incoming: JIRA_INCOMING_RULES },
  salesforce: { outgoing: SALESFORCE_OUTGOING_RULES, incoming: SALESFORCE_INCOMING_RULES },
};
