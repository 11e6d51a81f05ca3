/**
 * Basic mode's default outgoing rules for Salesforce (Case -> replica).
 * Kept equal to `generateRules(DEFAULT_MAPPINGS.salesforce, 'salesforce').rules.outgoing` by a test: a change to
 * the generator must be a deliberate change of the defaults too.
 */
export const SALESFORCE_OUTGOING_RULES = `// Tandem Basic mode: outgoing rules for Salesforce (record -> replica).
// Generated from the mapping table. To go beyond the table, eject: edit this script and
// save it; from then on the connection runs the script. See docs/rules.md, "Basic mode".

const statusCategories = {
  "New": "new",
  "Working": "indeterminate",
  "Escalated": "indeterminate",
  "Closed": "done",
};

replica.summary = entity.Subject;
replica.description = text.toHtml(entity.Description);
replica.status = entity.Status
  ? { name: entity.Status, category: lookup(entity.Status, statusCategories, null) }
  : null;
replica.priority = entity.Priority ? { name: entity.Priority } : null;
replica.comments = entity.comments.map((c) => ({ ...c, body: text.toHtml(c.body) }));
replica.attachments = entity.attachments;
`;
