/**
 * A read port that answers failures first: for tests of how the engine books a read that Jira or
 * Salesforce refused (429 with Retry-After, 503), on any port (`EntityStore.read`,
 * `AttachmentSource.describe`/`read`, `AttachmentStore.storedHash`).
 */
import { portFailure } from '../model/port-read';
import type { SyncFailure } from '../model/sync-failure';

/**
 * `port` as it is, except that its next calls of `method` answer `failures` in turn (as failure
 * values, or as rejections with `reject: true`), then read through again. The other methods, and
 * every property, are the port's own.
 */
export function failingReads<T extends object, K extends keyof T & string>(
  port: T,
  method: K,
  failures: readonly SyncFailure[],
  options: { reject?: boolean } = {},
): T {
  const pending = [...failures];
  return new Proxy(port, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name, target);
      if (typeof value !== 'function') return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (name !== method) return bound;
      return (...args: unknown[]) => {
        const failure = pending.shift();
        if (failure === undefined) return bound(...args);
        return options.reject
          ? Promise.reject(new Error(failure.message))
          : Promise.resolve(portFailure(failure));
      };
    },
  });
}
