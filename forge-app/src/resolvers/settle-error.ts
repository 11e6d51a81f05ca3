import type { AppPorts } from '../app/app-ports';
import { refuse, UNAVAILABLE, type ResolverAnswer } from './resolver-answer';
import { CONNECTION_ID, NOT_AN_OBJECT, payloadOf, readText, type UiCall } from './ui-call';

const QUEUES = ['outbox', 'inbox', 'attachments'] as const;

/**
 * `retryError` and `discardError` `{ connectionId, queue, key }` (as `listErrors` answers them):
 * retry makes the item due again with a fresh attempt count, discard drops it (the record's next
 * change sends its whole state again). Never throws.
 */
export async function settleError(
  action: 'retry' | 'discard',
  call: UiCall,
  ports: AppPorts,
): Promise<ResolverAnswer<{ done: true }>> {
  const payload = payloadOf(call);
  if (!payload) return NOT_AN_OBJECT;
  const connectionId = readText(payload, 'connectionId', {
    max: 64,
    pattern: CONNECTION_ID,
    what: 'a connection id',
  });
  if (!connectionId.ok) return connectionId;
  const queue = QUEUES.find((name) => name === payload.queue);
  if (!queue) return refuse('payload-invalid', `queue must be one of ${QUEUES.join(', ')}.`);
  const key = readText(payload, 'key', { max: 1_000, what: 'an error key' });
  if (!key.ok) return key;
  try {
    const engine = await ports.engine(connectionId.value);
    if (!engine)
      return refuse('not-found', `Connection ${connectionId.value} is not active or does not exist.`);
    const result =
      action === 'retry' ? await engine.retry(queue, key.value) : await engine.discard(queue, key.value);
    if (result.kind === 'not-found')
      return refuse('not-found', 'That error is no longer in the list (retried, discarded or resolved).');
    return { ok: true, value: { done: true } };
  } catch {
    return UNAVAILABLE;
  }
}
