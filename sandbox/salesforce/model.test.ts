import { isWellFormedId, makeId, toId18 } from './ids';
import { SalesforceOrg, type OrgChange } from './model';

describe('the stand-in org', () => {
  it('makes 18-character ids with the object key prefix and a suffix Salesforce would compute', () => {
    const org = new SalesforceOrg();
    const created = org.insert('Case', { Subject: 'x' });
    expect(created).toMatchObject({ ok: true });
    const id = created.ok ? created.value : '';
    expect(id).toMatch(/^500[0-9A-Za-z]{15}$/);
    expect(isWellFormedId(id)).toBe(true);
    // Salesforce's documented example pair.
    expect(toId18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(isWellFormedId(`${id.slice(0, 15)}AAA`)).toBe(id.endsWith('AAA'));
    expect(makeId('00a', 1)).not.toBe(makeId('00a', 2));
  });

  it('sets audit fields, CaseNumber, Owner and IsClosed, and ClosedDate when closed', () => {
    let now = Date.UTC(2026, 11, 3, 12);
    const org = new SalesforceOrg({ now: () => now });
    const created = org.insert('Case', { Subject: 'x' }, org.personUserId);
    const id = created.ok ? created.value : '';
    expect(org.get(id)?.fields).toMatchObject({
      CaseNumber: '00001001',
      Status: 'New',
      OwnerId: org.personUserId,
      CreatedById: org.personUserId,
      CreatedDate: '2026-12-03T12:00:00.000+0000',
      IsClosed: false,
      ClosedDate: null,
    });
    now += 60_000;
    expect(org.update('Case', id, { Status: 'Closed' }).ok).toBe(true);
    expect(org.get(id)?.fields).toMatchObject({
      IsClosed: true,
      ClosedDate: '2026-12-03T12:01:00.000+0000',
      LastModifiedById: org.integrationUserId,
      SystemModstamp: '2026-12-03T12:01:00.000+0000',
    });
  });

  it('refuses a missing required field, a bad picklist value, a reference to the wrong object', () => {
    const org = new SalesforceOrg();
    expect(org.insert('CaseComment', { CommentBody: 'x' })).toMatchObject({
      ok: false,
      error: { errorCode: 'REQUIRED_FIELD_MISSING', fields: ['ParentId'] },
    });
    expect(org.insert('Case', { Priority: 'Urgent' })).toMatchObject({
      ok: false,
      error: { errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['Priority'] },
    });
    expect(org.insert('CaseComment', { ParentId: org.personUserId })).toMatchObject({
      ok: false,
      error: { errorCode: 'INVALID_CROSS_REFERENCE_KEY', fields: ['ParentId'] },
    });
    const created = org.insert('Case', {});
    expect(org.update('Case', created.ok ? created.value : '', { Status: null })).toMatchObject({
      ok: false,
      error: { errorCode: 'REQUIRED_FIELD_MISSING' },
    });
  });

  it('files a ContentVersion under a new ContentDocument linked to its first publish location', () => {
    const org = new SalesforceOrg();
    const parent = org.insert('Case', {});
    const caseId = parent.ok ? parent.value : '';
    const changes: OrgChange[] = [];
    org.onChange((change) => changes.push(change));
    const version = org.insert('ContentVersion', {
      Title: 'shot',
      PathOnClient: 'shot.PNG',
      VersionData: Buffer.from([1, 2, 3]).toString('base64'),
      FirstPublishLocationId: caseId,
    });
    const fields = org.get(version.ok ? version.value : '')?.fields;
    expect(fields).toMatchObject({ ContentSize: 3, FileExtension: 'png' });
    expect(changes.map((c) => `${c.operation} ${c.type}`)).toEqual([
      'insert ContentVersion',
      'insert ContentDocument',
      'insert ContentDocumentLink',
    ]);
    expect(changes[2]?.after?.fields).toMatchObject({
      LinkedEntityId: caseId,
      ContentDocumentId: fields?.ContentDocumentId,
    });
    // Deleting the Case takes its links with it; the document stays.
    org.delete('Case', caseId);
    expect(org.all('ContentDocumentLink')).toEqual([]);
    expect(org.all('ContentDocument')).toHaveLength(1);
  });

  it('tells listeners of each saved change with who made it, before and after', () => {
    const org = new SalesforceOrg();
    const changes: OrgChange[] = [];
    const stop = org.onChange((change) => changes.push(change));
    const created = org.insert('Case', { Subject: 'a' }, org.personUserId);
    const id = created.ok ? created.value : '';
    org.update('Case', id, { Subject: 'b' });
    stop();
    org.update('Case', id, { Subject: 'c' });
    expect(
      changes.map((c) => [c.operation, c.actorId, c.before?.fields.Subject ?? null, c.after?.fields.Subject]),
    ).toEqual([
      ['insert', org.personUserId, null, 'a'],
      ['update', org.integrationUserId, 'a', 'b'],
    ]);
  });
});
