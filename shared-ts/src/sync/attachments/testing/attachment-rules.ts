/**
 * Test rules: `mirrorRules` plus attachments both ways. The local view keeps attachments as
 * `{ id, filename, mimeType, size, sha256 }`; the replica carries them with `ref` `attachment:<id>`.
 */
import type { Replica, ReplicaAttachment } from '../../../replica';
import type { RuleInputs } from '../../../rules/runtime/types';
import type { RulesEngine } from '../../model/ports';
import { mirrorRules } from '../../testing/test-node';

/** An attachment as the test entities' view holds it. */
export interface ViewAttachment {
  id: string;
  filename: string;
  mimeType: string;
  size: number;
  sha256: string | null;
}

/** The mirror rules, with attachments mapped both ways. */
export const attachmentRules: RulesEngine = (script, side, direction, inputs: RuleInputs) => {
  const base = mirrorRules(script, side, direction, inputs);
  if (!base.ok) return base;
  if (direction === 'outgoing') {
    const view = (inputs.entity?.attachments ?? []) as unknown as ViewAttachment[];
    const attachments: ReplicaAttachment[] = view.map((a) => ({
      id: a.id,
      filename: a.filename,
      mimeType: a.mimeType,
      size: a.size,
      sha256: a.sha256,
      created: '2026-11-20T00:00:00.000Z',
      author: null,
      ref: `attachment:${a.id}`,
    }));
    return { ...base, output: { ...base.output, attachments } };
  }
  const replica = inputs.replica as unknown as Replica;
  const attachments = replica.attachments.map((a) => ({
    id: a.id,
    filename: a.filename,
    mimeType: a.mimeType,
    size: a.size,
    sha256: a.sha256 ?? null,
  }));
  return {
    ...base,
    output: { ...base.output, attachments },
    writes: [...base.writes, { path: ['attachments'], value: attachments }],
  };
};
