import {
  errorResponse,
  handleRendezvousRequest,
  HEADERS,
  peekMessageKind,
  type HttpResponse,
  type RendezvousRequest,
} from '@tandem/shared-ts/protocol';
import type { AppPorts } from '../app/app-ports';
import { readWebTriggerRequest } from './read-web-trigger-request';

/**
 * The web trigger's own deadline: Forge stops a web trigger at 55 s; the answer leaves before,
 * with room to spare for the platform's own work.
 */
export const WEB_TRIGGER_DEADLINE_MS = 50_000;

/** The kinds whose content the rendezvous puts in the inbox: a consumer applies them later. */
const INBOX_KINDS = new Set(['replica', 'unlink', 'push']);

/**
 * The rendezvous web trigger: the Forge request through the core's `handleRendezvousRequest`
 * (which verifies the raw body before anything else, and writes what it accepts before it
 * answers 2xx), then, for accepted content, a job that applies the inbox in the background:
 * nothing is applied inside this call. Answers within `WEB_TRIGGER_DEADLINE_MS` whatever the
 * input (`unavailable`, 503, when the core has not answered by then). Never throws.
 */
export async function answerRendezvous(
  request: unknown,
  ports: AppPorts,
  deadlineMs: number = WEB_TRIGGER_DEADLINE_MS,
): Promise<HttpResponse> {
  const read = readWebTriggerRequest(request);
  if (!read) {
    return errorResponse({
      code: 'header-invalid',
      message: 'The request does not have the shape of a web trigger request (method, headers, body).',
    });
  }
  const answer = await withDeadline(handleRendezvousRequest(read, ports.rendezvous), ports, deadlineMs);
  if (answer.statusCode === 200) await wakeInbox(read, ports);
  return answer;
}

async function withDeadline(
  answer: Promise<HttpResponse>,
  ports: AppPorts,
  deadlineMs: number,
): Promise<HttpResponse> {
  const late = ports.sleep(deadlineMs).then(() =>
    errorResponse({
      code: 'unavailable',
      message: `The rendezvous did not finish within ${deadlineMs} ms; nothing it did not finish was acknowledged. Retry later.`,
    }),
  );
  return Promise.race([answer, late]);
}

/**
 * Queues the inbox job of the connection that a verified, accepted message came from. The
 * content is already in the inbox: when queueing fails, the hourly housekeeping applies it.
 */
async function wakeInbox(request: RendezvousRequest, ports: AppPorts): Promise<void> {
  const kind = peekMessageKind({ headers: request.headers, body: request.body });
  if (kind === null || !INBOX_KINDS.has(kind)) return;
  const connectionId = headerValue(request.headers, HEADERS.connection);
  if (connectionId === null) return;
  try {
    const queued = await ports.jobs.push([{ job: { kind: 'inbox', connectionId } }]);
    if (!queued.ok) ports.log(`rendezvous: inbox job for ${connectionId} not queued: ${queued.message}`);
  } catch {
    ports.log(`rendezvous: inbox job for ${connectionId} not queued: the queue threw`);
  }
}

function headerValue(headers: Record<string, string[]>, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const key in headers) {
    if (key.toLowerCase() === wanted) return headers[key]?.[0] ?? null;
  }
  return null;
}
