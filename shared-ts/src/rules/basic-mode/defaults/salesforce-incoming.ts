/**
 * Basic mode's default incoming rules for Salesforce (replica -> Case).
 * Kept equal to `generateRules(DEFAULT_MAPPINGS.salesforce, 'salesforce').rules.incoming` by a test: a change to
 * the generator must be a deliberate change of the defaults too.
 */
export const SALESFORCE_INCOMING_RULES = `// Tandem Basic mode: incoming rules for Salesforce (replica -> record).
// Generated from the mapping table. To go beyond the table, eject: edit this script and
// save it; from then on the connection runs the script. See docs/rules.md, "Basic mode".

const statusValues = {
  "To Do": "New",
  "In Progress": "Working",
  "Done": "Closed",
};

const statusCategories = {
  "new": "New",
  "indeterminate": "Working",
  "done": "Closed",
};

const priorityValues = {
  "High": "High",
  "Highest": "High",
  "Medium": "Medium",
  "Low": "Low",
  "Lowest": "Low",
};

// A first sync creates the local entity: choose where.
if (firstSync) {
  entity.entityType = "Case";
}

entity.Subject = replica.summary;
entity.Description = html.toText(replica.description);
entity.Status = lookup(
  replica.status?.name,
  statusValues,
  lookup(replica.status?.category, statusCategories, entity.Status)
);
entity.Priority = lookup(replica.priority?.name, priorityValues, entity.Priority);
entity.comments = replica.comments.map((c) => ({
  ...c,
  body: \`\${c.author?.displayName ?? "Someone"} (via Jira):\\n\${html.toText(c.body)}\`,
}));
entity.attachments = replica.attachments;
`;
