import { classifyFailure } from './classify-failure';
import { syncFailure } from '../model/sync-failure';

describe('classifyFailure', () => {
  it.each(['network', 'timeout', 'unavailable', 'unexpected'] as const)('retries a %s failure', (code) => {
    expect(classifyFailure(syncFailure(code, 'x'))).toBe('transient');
  });

  it.each([408, 429, 500, 502, 503, 504])('retries HTTP %i', (status) => {
    expect(classifyFailure(syncFailure('http', 'x', { status }))).toBe('transient');
  });

  it.each([400, 401, 403, 404, 409, 413, 422])('gives up at once on HTTP %i', (status) => {
    expect(classifyFailure(syncFailure('http', 'x', { status }))).toBe('permanent');
  });

  it('gives up at once on an HTTP failure without a status', () => {
    expect(classifyFailure(syncFailure('http', 'x'))).toBe('permanent');
  });

  it.each([
    'schema',
    'hash-mismatch',
    'target-invalid',
    'own-entity',
    'rule-error',
    'rule-output',
    'rejected',
    'local-missing',
    'link-mismatch',
  ] as const)('gives up at once on a %s failure', (code) => {
    expect(classifyFailure(syncFailure(code, 'x'))).toBe('permanent');
  });
});
