import type { AppPorts } from '../app/app-ports';
import { MAX_CONNECTIONS } from '../consumers/run-work-job';
import { UNAVAILABLE, type ResolverAnswer } from './resolver-answer';

/** Most errors answered: a resolver's answer stays far below Forge's 5 MB. */
export const MAX_ERRORS = 100;

/** One entry of the error list, as the admin page shows it. */
export interface ConnectionError {
  connectionId: string;
  queue: string;
  key: string;
  code: string | null;
  message: string | null;
  entity: string;
  attempts: number;
}

/** The admin page's `errors` call: every connection's error list, at most 100 entries. Never throws. */
export async function listConnectionErrors(ports: AppPorts): Promise<ResolverAnswer<ConnectionError[]>> {
  try {
    const out: ConnectionError[] = [];
    for (const connectionId of await ports.connectionIds(MAX_CONNECTIONS)) {
      const engine = await ports.engine(connectionId);
      if (!engine) continue;
      for (const { queue, item } of await engine.errors()) {
        if (out.length >= MAX_ERRORS) return { ok: true, value: out };
        out.push({
          connectionId,
          queue,
          key: item.key,
          code: item.lastError?.code ?? null,
          message: item.lastError?.message.slice(0, 1000) ?? null,
          entity: `${item.entity.platform}/${item.entity.type}/${item.entity.id}`,
          attempts: item.attempts,
        });
      }
    }
    return { ok: true, value: out };
  } catch {
    return UNAVAILABLE;
  }
}
