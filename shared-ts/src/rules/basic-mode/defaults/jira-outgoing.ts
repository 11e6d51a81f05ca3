/**
 * Basic mode's default outgoing rules for Jira (issue -> replica).
 * Kept equal to `generateRules(DEFAULT_MAPPINGS.jira, 'jira').rules.outgoing` by a test: a change to
 * the generator must be a deliberate change of the defaults too.
 */
export const JIRA_OUTGOING_RULES = `// Tandem Basic mode: outgoing rules for Jira (issue -> replica).
// Generated from the mapping table. To go beyond the table, eject: edit this script and
// save it; from then on the connection runs the script. See docs/rules.md, "Basic mode".

replica.summary = issue.summary;
replica.description = issue.description;
replica.status = issue.status;
replica.priority = issue.priority;
replica.labels = issue.labels;
replica.comments = issue.comments;
replica.attachments = issue.attachments;
`;
