import { makeId } from './ids';
import { SalesforceOrg } from './model';
import { MAX_BODY_BYTES, startSalesforceStandin, type SalesforceStandin } from './server';

let standin: SalesforceStandin;
beforeEach(async () => {
  standin = await startSalesforceStandin(new SalesforceOrg(), { queryBatchSize: 2 });
});
afterEach(async () => {
  await standin.close();
});

const base = '/services/data/v67.0';

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${standin.instanceUrl}${path}`, {
    method,
    headers: { authorization: 'Bearer token', 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? null : (JSON.parse(text) as unknown) };
}

describe('the Salesforce stand-in server', () => {
  it('refuses a call without a token with 401 INVALID_SESSION_ID, and takes any bearer token', async () => {
    const refused = await fetch(`${standin.instanceUrl}${base}/sobjects`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID', fields: [] },
    ]);
    expect(
      (await call('GET', `${base}/sobjects`, undefined, { authorization: 'Bearer whatever' })).status,
    ).toBe(200);
  });

  it('lists the API versions, 67.0 last', async () => {
    const { json } = await call('GET', '/services/data');
    expect((json as { version: string }[]).at(-1)).toEqual({
      label: 'v67.0',
      url: '/services/data/v67.0',
      version: '67.0',
    });
    expect((await call('GET', '/services/data/v99.0/sobjects')).status).toBe(404);
  });

  it('answers errors as [{ message, errorCode, fields }] with the right status', async () => {
    expect(await call('GET', `${base}/sobjects/Case/${makeId('500', 99)}`)).toEqual({
      status: 404,
      json: [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND', fields: [] }],
    });
    expect((await call('GET', `${base}/sobjects/Case/not-an-id`)).json).toMatchObject([
      { errorCode: 'MALFORMED_ID' },
    ]);
    expect((await call('POST', `${base}/sobjects/Case`, { Bogus__c: 1 })).json).toEqual([
      {
        message: "No such column 'Bogus__c' on sobject of type Case",
        errorCode: 'INVALID_FIELD',
        fields: ['Bogus__c'],
      },
    ]);
    expect((await call('POST', `${base}/sobjects/Case`, { CaseNumber: '1' })).json).toMatchObject([
      { errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['CaseNumber'] },
    ]);
    expect((await call('POST', `${base}/sobjects/Case`, '{not json')).json).toMatchObject([
      { errorCode: 'JSON_PARSER_ERROR' },
    ]);
    expect((await call('POST', `${base}/sobjects/Case`, { Subject: 'x'.repeat(256) })).json).toMatchObject([
      { errorCode: 'STRING_TOO_LONG', fields: ['Subject'] },
    ]);
    expect((await call('GET', `${base}/sobjects/Nope/describe`)).status).toBe(404);
  });

  it('refuses a malformed query, an unknown column and an unsupported construct, each with its code', async () => {
    const q = (soql: string) => call('GET', `${base}/query?q=${encodeURIComponent(soql)}`);
    expect(await q('SELECT FROM Case')).toMatchObject({
      status: 400,
      json: [{ errorCode: 'MALFORMED_QUERY' }],
    });
    expect(await q('SELECT Nope FROM Case')).toMatchObject({
      status: 400,
      json: [{ errorCode: 'INVALID_FIELD' }],
    });
    expect(await q('SELECT Id FROM Nope')).toMatchObject({
      status: 400,
      json: [{ errorCode: 'INVALID_TYPE' }],
    });
    expect(await q('SELECT Id, (SELECT Id FROM CaseComments) FROM Case')).toMatchObject({
      json: [{ errorCode: 'MALFORMED_QUERY' }],
    });
    expect(await q('SELECT Status, COUNT(Id) FROM Case GROUP BY Status')).toMatchObject({
      json: [{ errorCode: 'MALFORMED_QUERY' }],
    });
    expect(await q(`SELECT Id FROM Case WHERE Subject = '${'x'.repeat(20_000)}'`)).toMatchObject({
      json: [{ errorCode: 'MALFORMED_QUERY' }],
    });
    expect(await q("SELECT Id FROM Case WHERE CreatedDate = 'today'")).toMatchObject({
      json: [{ errorCode: 'INVALID_FIELD' }],
    });
  });

  it('pages a query through nextRecordsUrl, and refuses an unknown locator', async () => {
    for (const subject of ['a', 'b', 'c']) await call('POST', `${base}/sobjects/Case`, { Subject: subject });
    const first = await call(
      'GET',
      `${base}/query?q=${encodeURIComponent('SELECT Subject FROM Case ORDER BY Subject')}`,
    );
    const page = first.json as { done: boolean; nextRecordsUrl: string; records: unknown[] };
    expect(page).toMatchObject({ totalSize: 3, done: false });
    const second = await call('GET', page.nextRecordsUrl);
    expect(second.json).toMatchObject({ totalSize: 3, done: true, records: [{ Subject: 'c' }] });
    expect((await call('GET', `${base}/query/01gXXXX-2`)).json).toMatchObject([
      { errorCode: 'INVALID_QUERY_LOCATOR' },
    ]);
  });

  it('acts as the user named by `Bearer as:<id>`, and as the integration user otherwise', async () => {
    const alice = standin.org.personUserId;
    const created = await call(
      'POST',
      `${base}/sobjects/Case`,
      { Subject: 'x' },
      { authorization: `Bearer as:${alice}` },
    );
    const id = (created.json as { id: string }).id;
    expect(standin.org.get(id)?.fields.CreatedById).toBe(alice);
    await call('PATCH', `${base}/sobjects/Case/${id}`, { Subject: 'y' });
    expect(standin.org.get(id)?.fields.LastModifiedById).toBe(standin.org.integrationUserId);
  });

  it('refuses a body over the cap with 413', async () => {
    const big = JSON.stringify({ Subject: 'x'.repeat(MAX_BODY_BYTES) });
    expect((await call('POST', `${base}/sobjects/Case`, big)).status).toBe(413);
  });
});
