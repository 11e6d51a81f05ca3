import { isPortFailure, portFailure, readPort } from './port-read';
import { syncFailure } from './sync-failure';

const THROTTLED = syncFailure('http', 'Jira answered 429', { status: 429, retryAfterSeconds: 120 });

describe('a read port answer', () => {
  it('is a failure only when it is an object whose ok is false and whose error has a code', () => {
    expect(isPortFailure(portFailure(THROTTLED))).toBe(true);
    expect(isPortFailure(null)).toBe(false);
    expect(isPortFailure('abc')).toBe(false);
    expect(isPortFailure(new Uint8Array([0]))).toBe(false);
    expect(isPortFailure({ ref: { id: '1' }, view: { ok: false }, modifiedAt: null })).toBe(false);
    expect(isPortFailure({ ok: false, error: 'no code' })).toBe(false);
  });

  it('is read into the value, the failure as it was answered, or an unexpected failure for a rejection', async () => {
    expect(await readPort(async () => 'abc')).toEqual({ ok: true, value: 'abc' });
    expect(await readPort(async () => null)).toEqual({ ok: true, value: null });
    expect(await readPort(async () => portFailure(THROTTLED))).toEqual({ ok: false, error: THROTTLED });
    expect(
      await readPort(async () => {
        throw new Error('socket hang up');
      }),
    ).toEqual({ ok: false, error: { code: 'unexpected', message: 'socket hang up' } });
  });
});
