/** The real jsforce `Connection`, unchanged, against the Salesforce stand-in's server. */
import { Connection } from 'jsforce';
import { SalesforceOrg } from './model';
import { startSalesforceStandin, type SalesforceStandin } from './server';

let standin: SalesforceStandin;
let conn: Connection;
beforeEach(async () => {
  standin = await startSalesforceStandin(new SalesforceOrg(), { queryBatchSize: 3 });
  conn = new Connection({ instanceUrl: standin.instanceUrl, accessToken: 'any-token', version: '67.0' });
});
afterEach(async () => {
  await standin.close();
});

describe('jsforce against the Salesforce stand-in', () => {
  it('creates, retrieves, updates and destroys a Case through sobject()', async () => {
    const created = await conn.sobject('Case').create({ Subject: 'Printer broken', Origin: 'Web' });
    expect(created).toMatchObject({ success: true });
    expect(created.id).toMatch(/^500[0-9A-Za-z]{15}$/);
    const id = created.id as string;
    const read = await conn.sobject('Case').retrieve(id);
    expect(read).toMatchObject({
      Id: id,
      Subject: 'Printer broken',
      Status: 'New',
      Priority: 'Medium',
      IsClosed: false,
    });
    expect(read.attributes).toEqual({ type: 'Case', url: `/services/data/v67.0/sobjects/Case/${id}` });
    expect(await conn.sobject('Case').update({ Id: id, Status: 'Closed' })).toMatchObject({
      id,
      success: true,
    });
    expect(await conn.sobject('Case').retrieve(id)).toMatchObject({ Status: 'Closed', IsClosed: true });
    expect(await conn.sobject('Case').destroy(id)).toMatchObject({ id, success: true });
    await expect(conn.sobject('Case').retrieve(id)).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });

  it('reports a refused insert with the error code and fields Salesforce gives', async () => {
    await expect(conn.sobject('Case').create({ Subject: 'x', Status: 'Bogus' })).rejects.toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    });
    await expect(conn.sobject('CaseComment').create({ CommentBody: 'orphan' })).rejects.toMatchObject({
      errorCode: 'REQUIRED_FIELD_MISSING',
      data: { message: 'Required fields are missing: [ParentId]', fields: ['ParentId'] },
    });
  });

  it('queries with a parent field, a filter and an order, and follows nextRecordsUrl to the end', async () => {
    for (const subject of ['a', 'b', 'c', 'd', 'e'])
      await conn.sobject('Case').create({ Subject: subject, Priority: subject < 'c' ? 'High' : 'Low' });
    const result = await conn.query<{ Subject: string; Owner: { Name: string } }>(
      "SELECT Subject, Owner.Name FROM Case WHERE Priority = 'Low' ORDER BY Subject DESC",
    );
    expect(result.records.map((r) => r.Subject)).toEqual(['e', 'd', 'c']);
    expect(result.records[0]?.Owner.Name).toBe('Tandem Integration');
    expect(result).toMatchObject({ totalSize: 3, done: true });

    const firstPage = await conn.query('SELECT Id FROM Case ORDER BY Subject');
    expect(firstPage).toMatchObject({ totalSize: 5, done: false });
    expect(firstPage.records).toHaveLength(3);
    const all = await conn
      .query('SELECT Subject FROM Case ORDER BY Subject')
      .run({ autoFetch: true, maxFetch: 100 });
    expect(all.records.map((r) => (r as { Subject: string }).Subject)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('counts with COUNT()', async () => {
    await conn.sobject('Case').create({ Subject: 'one' });
    await conn.sobject('Case').create({ Subject: 'two' });
    const counted = await conn.query("SELECT COUNT() FROM Case WHERE Subject LIKE 't%'");
    expect(counted).toMatchObject({ totalSize: 1, done: true, records: [] });
  });

  it('describes the org and an object, with Case Status as a restricted picklist', async () => {
    const global = await conn.describeGlobal();
    expect(global.sobjects.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'Case',
        'CaseComment',
        'FeedItem',
        'ContentVersion',
        'ContentDocumentLink',
        'User',
      ]),
    );
    const described = await conn.sobject('Case').describe();
    expect(described.keyPrefix).toBe('500');
    const status = described.fields.find((f) => f.name === 'Status');
    expect(status).toMatchObject({ type: 'picklist', restrictedPicklist: true, defaultedOnCreate: true });
    expect(status?.picklistValues?.map((p) => p.value)).toEqual(['New', 'Working', 'Escalated', 'Closed']);
  });

  it('uploads a file as a ContentVersion published to a Case, and reads its bytes back', async () => {
    const parent = await conn.sobject('Case').create({ Subject: 'with file' });
    const version = await conn.sobject('ContentVersion').create({
      Title: 'log',
      PathOnClient: 'log.txt',
      VersionData: Buffer.from('hello').toString('base64'),
      FirstPublishLocationId: parent.id,
    });
    const links = await conn.query<{ ContentDocument: { Title: string } }>(
      `SELECT ContentDocumentId, ContentDocument.Title FROM ContentDocumentLink WHERE LinkedEntityId = '${parent.id as string}'`,
    );
    expect(links.records.map((r) => r.ContentDocument.Title)).toEqual(['log']);
    const bytes = await conn.request<string>(`/sobjects/ContentVersion/${version.id as string}/VersionData`);
    expect(String(bytes)).toBe('hello');
  });
});
