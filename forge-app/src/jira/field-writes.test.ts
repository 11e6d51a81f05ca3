import { fieldWrites } from './field-writes';
import type { FieldCatalogue } from './read-site-facts';

const region = {
  id: 'customfield_10010',
  name: 'Sales Region',
  custom: true,
  schema: { type: 'string', custom: 'x:textfield' },
};
const notes = {
  id: 'customfield_10020',
  name: 'Notes',
  custom: true,
  schema: { type: 'string', custom: 'x:textarea' },
};
const tier = {
  id: 'customfield_10030',
  name: 'Tier',
  custom: true,
  schema: { type: 'option', custom: 'x:select' },
};
const catalogue: FieldCatalogue = {
  byId: new Map([region, notes, tier].map((f) => [f.id, f])),
  customByName: new Map([region, notes, tier].map((f) => [f.name, f])),
};

describe('turning plan writes into Jira REST fields', () => {
  it('writes custom fields by id, rich text ones as ADF and options as {value}', () => {
    const writes = fieldWrites(
      [
        { path: ['customFields', 'Sales Region'], value: 'EMEA' },
        { path: ['customFields', 'Notes'], value: '<p>hi</p>' },
        { path: ['customFields', 'customfield_10030'], value: 'Gold' },
      ],
      catalogue,
    );
    expect(writes.ok && writes.value.fields).toEqual({
      customfield_10010: 'EMEA',
      customfield_10020: {
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'hi' }] }],
      },
      customfield_10030: { value: 'Gold' },
    });
  });

  it('keeps the status apart (it goes through transitions) and names as {name}, users as {accountId}', () => {
    const writes = fieldWrites(
      [
        { path: ['assignee'], value: { accountId: 'a1', displayName: 'A' } },
        { path: ['components'], value: ['Billing', { name: 'Web' }] },
        { path: ['dueDate'], value: '2026-12-24T00:00:00.000Z' },
        { path: ['priority'], value: { name: 'High' } },
        { path: ['status'], value: { name: 'Done', category: 'done' } },
      ],
      catalogue,
    );
    expect(writes.ok && writes.value).toEqual({
      fields: {
        assignee: { accountId: 'a1' },
        components: [{ name: 'Billing' }, { name: 'Web' }],
        duedate: '2026-12-24',
        priority: { name: 'High' },
      },
      status: 'Done',
      projectKey: null,
      typeName: null,
    });
  });

  it('refuses a custom field the site does not have, naming it', () => {
    const writes = fieldWrites([{ path: ['customFields', 'Nope'], value: 1 }], catalogue);
    expect(writes).toEqual({
      ok: false,
      error: {
        code: 'rejected',
        message: 'issue.customFields["Nope"]: no custom field of that name or id on this site',
      },
    });
  });

  it('refuses a read-only or unknown field and a wrong shape', () => {
    expect(fieldWrites([{ path: ['created'], value: 'x' }], catalogue).ok).toBe(false);
    expect(fieldWrites([{ path: ['labels'], value: 'vip' }], catalogue)).toMatchObject({
      ok: false,
      error: { message: 'issue.labels must be a list of text' },
    });
    expect(fieldWrites([{ path: ['summary', 'x'], value: 'y' }], catalogue).ok).toBe(false);
  });
});
