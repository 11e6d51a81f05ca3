import { HARNESS_RULES } from '../../sync/harness/harness-rules';
import { incomingAssignmentReads } from './assignment-reads';

function readsOf(script: string, side: 'jira' | 'salesforce' = 'salesforce'): Record<string, string[]> {
  const result = incomingAssignmentReads(script, side);
  if (!result) throw new Error('the script did not check');
  return Object.fromEntries(
    result.map((entry) => [entry.target.join('.'), entry.reads.map((path) => path.join('.')).sort()]),
  );
}

describe('incomingAssignmentReads', () => {
  it('names the replica fields each entity field is computed from, through optional chains and calls', () => {
    expect(readsOf(HARNESS_RULES.salesforce.incoming)).toEqual({
      entityType: [],
      Subject: ['summary'],
      Description: ['description'],
      Status: ['status.name'],
      Priority: ['priority.name'],
      Labels__c: ['labels'],
      comments: ['comments.map'],
      attachments: ['attachments.map'],
    });
  });

  it('follows locals to what was assigned to them, and counts the conditions around a write', () => {
    const script = `const tier = replica.custom["Tier"];
let level = tier;
if (replica.status?.name === "Done") {
  entity.Level__c = level;
}
entity.Note__c = "fixed";`;
    expect(readsOf(script)).toEqual({ Level__c: ['custom.Tier', 'status.name'], Note__c: [] });
  });

  it('reads the whole replica when the replica itself is kept in a local', () => {
    expect(readsOf('const r = replica;\nissue.summary = r.summary;', 'jira')).toEqual({ summary: [''] });
  });

  it('stops a path at a computed key and reads the key too', () => {
    expect(readsOf('entity.Owner__c = replica.custom[replica.summary];')).toEqual({
      Owner__c: ['custom', 'summary'],
    });
  });

  it('gives null for a script that does not check', () => {
    expect(incomingAssignmentReads('entity.Subject = ', 'salesforce')).toBeNull();
  });
});
