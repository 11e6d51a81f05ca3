/**
 * Basic mode's default incoming rules for Jira (replica -> issue).
 * Kept equal to `generateRules(DEFAULT_MAPPINGS.jira, 'jira').rules.incoming` by a test: a change to
 * the generator must be a deliberate change of the defaults too.
 */
export const JIRA_INCOMING_RULES = `// Tandem Basic mode: incoming rules for Jira (replica -> issue).
// Generated from the mapping table. To go beyond the table, eject: edit this script and
// save it; from then on the connection runs the script. See docs/rules.md, "Basic mode".

const statusValues = {
  "New": "To Do",
  "Working": "In Progress",
  "Escalated": "In Progress",
  "Closed": "Done",
};

const statusCategories = {
  "new": "To Do",
  "indeterminate": "In Progress",
  "done": "Done",
};

const priorityValues = {
  "High": "High",
  "Medium": "Medium",
  "Low": "Low",
};

// A first sync creates the local entity: choose where.
if (firstSync) {
  issue.projectKey = connection.settings?.projectKey ?? "SUP";
  issue.typeName = connection.settings?.issueType ?? "Task";
}

issue.summary = replica.summary;
issue.description = replica.description;
issue.status = lookup(
  replica.status?.name,
  statusValues,
  lookup(replica.status?.category, statusCategories, issue.status?.name)
);
issue.priority = lookup(replica.priority?.name, priorityValues, issue.priority?.name);
issue.labels = replica.labels;
issue.comments = replica.comments.map((c) => ({
  ...c,
  body: text.toHtml(\`\${c.author?.displayName ?? "Someone"} (via Salesforce):\`) + c.body,
}));
issue.attachments = replica.attachments;
`;
