import { canonicalJson } from '../../util/canonical-json';
import { sha256HexSync } from '../../util/sha256';
import { MAX_SNAPSHOT_VALUE_BYTES, snapshotValueAt, snapshotView } from './snapshot-view';

const long = 'é'.repeat(MAX_SNAPSHOT_VALUE_BYTES / 2 + 1);
const digest = sha256HexSync(canonicalJson(long));

describe('snapshotView', () => {
  it('keeps only the fields the incoming rules write, never the collections', () => {
    const view = { Subject: 'a', Status: 'New', Internal__c: 'x', comments: [], attachments: [] };
    expect(snapshotView(view, new Set(['Subject', 'Status', 'comments']))).toEqual({
      Subject: 'a',
      Status: 'New',
    });
    expect(snapshotView(view, null)).toEqual({ Subject: 'a', Status: 'New', Internal__c: 'x' });
  });

  it('keeps a value over 1 KiB of UTF-8 as its digest, and one at the limit as it is', () => {
    const atLimit = 'a'.repeat(MAX_SNAPSHOT_VALUE_BYTES - 2); // with its quotes: exactly 1024 bytes
    expect(snapshotView({ Description: long, Subject: atLimit }, null)).toEqual({
      Description: { $digest: digest },
      Subject: atLimit,
    });
  });
});

describe('snapshotValueAt', () => {
  const view = snapshotView({ Description: long, Subject: 'a' }, null);

  it('reads a kept value as it is', () => {
    expect(snapshotValueAt(view, ['Subject'], [])).toBe('a');
  });

  it('resolves a digest to the candidate with that digest', () => {
    expect(snapshotValueAt(view, ['Description'], ['other', long])).toBe(long);
  });

  it('leaves a digest that matches no candidate as it is, and knows nothing below it', () => {
    expect(snapshotValueAt(view, ['Description'], ['other'])).toEqual({ $digest: digest });
    expect(snapshotValueAt(view, ['Description', 'inner'], [long])).toBeNull();
  });
});
