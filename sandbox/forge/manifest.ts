/**
 * Reads what the runtime stand-in needs from a Forge `manifest.yml`: the functions (`key`,
 * `handler` as `file.export` under `./src` next to the manifest, `timeoutSeconds`), the modules
 * that invoke them (`webtrigger`, `trigger`, `scheduledTrigger`, `consumer`, `function` for
 * resolvers) and the custom entities under `app.storage.entities` (indexes normalised: a bare
 * attribute name is an index of that name ranged on it, with no partition).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { parse } from 'yaml';
import type { AttributeType, EntityDeclaration } from './kvs-store';

/** A function module. */
export interface ManifestFunction {
  key: string;
  /** `file.export`, resolved under `./src`. */
  handler: string;
  timeoutSeconds?: number;
}

/** What the stand-in reads of a manifest. */
export interface ForgeManifest {
  /** The folder of manifest.yml: handlers resolve under `<root>/src`. */
  root: string;
  functions: ManifestFunction[];
  webtriggers: { key: string; function: string }[];
  triggers: { key: string; function: string; events: string[]; ignoreSelf: boolean }[];
  scheduledTriggers: { key: string; function: string; interval: 'fiveMinute' | 'hour' | 'day' | 'week' }[];
  consumers: { key: string; queue: string; function: string }[];
  /** UI modules (`jira:adminPage`, `jira:issuePanel`, ...) with a `resolver.function`. */
  resolvers: { key: string; type: string; function: string }[];
  entities: EntityDeclaration[];
}

/** Interval lengths of scheduled triggers, in ms. */
export const INTERVAL_MS = { fiveMinute: 300_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };

type Yaml = Record<string, unknown>;

function list(value: unknown): Yaml[] {
  return Array.isArray(value) ? (value.filter((item) => item && typeof item === 'object') as Yaml[]) : [];
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0)
    throw new Error(`manifest.yml: ${what} must be a string.`);
  return value;
}

/** Reads and normalises a manifest; throws naming the first problem (a setup error, not input). */
export function readManifest(path: string): ForgeManifest {
  const document = parse(readFileSync(path, 'utf8')) as Yaml | null;
  if (!document || typeof document !== 'object') throw new Error(`${path} is not a YAML mapping.`);
  const modules = (document.modules ?? {}) as Yaml;
  const app = (document.app ?? {}) as Yaml;
  const storage = (app.storage ?? {}) as Yaml;
  const functions = list(modules.function).map((item) => ({
    key: text(item.key, 'function.key'),
    handler: text(item.handler, 'function.handler'),
    ...(typeof item.timeoutSeconds === 'number' ? { timeoutSeconds: item.timeoutSeconds } : {}),
  }));
  return {
    root: dirname(path),
    functions,
    webtriggers: list(modules.webtrigger).map((item) => ({
      key: text(item.key, 'webtrigger.key'),
      function: text(item.function, 'webtrigger.function'),
    })),
    triggers: list(modules.trigger).map((item) => ({
      key: text(item.key, 'trigger.key'),
      function: text(item.function, 'trigger.function'),
      events: Array.isArray(item.events) ? item.events.map(String) : [],
      ignoreSelf: ((item.filter ?? {}) as Yaml).ignoreSelf === true,
    })),
    scheduledTriggers: list(modules.scheduledTrigger).map((item) => {
      const interval = text(item.interval, 'scheduledTrigger.interval');
      if (!(interval in INTERVAL_MS)) throw new Error(`manifest.yml: unknown interval ${interval}.`);
      return {
        key: text(item.key, 'scheduledTrigger.key'),
        function: text(item.function, 'scheduledTrigger.function'),
        interval: interval as keyof typeof INTERVAL_MS,
      };
    }),
    consumers: list(modules.consumer).map((item) => ({
      key: text(item.key, 'consumer.key'),
      queue: text(item.queue, 'consumer.queue'),
      function: text(item.function, 'consumer.function'),
    })),
    resolvers: Object.entries(modules).flatMap(([type, items]) =>
      type.includes(':')
        ? list(items).flatMap((item) => {
            const resolver = (item.resolver ?? {}) as Yaml;
            return typeof resolver.function === 'string'
              ? [{ key: text(item.key, `${type}.key`), type, function: resolver.function }]
              : [];
          })
        : [],
    ),
    entities: list(storage.entities).map(entityOf),
  };
}

/** Normalises one `storage.entities` item. */
export function entityOf(item: Yaml): EntityDeclaration {
  const attributes: Record<string, AttributeType> = {};
  for (const [name, spec] of Object.entries((item.attributes ?? {}) as Record<string, Yaml>))
    attributes[name] = text(spec.type, `attribute ${name} type`) as AttributeType;
  return {
    name: text(item.name, 'entity name'),
    attributes,
    indexes: (Array.isArray(item.indexes) ? item.indexes : []).map((index: unknown) => {
      if (typeof index === 'string') return { name: index, partition: [], range: index };
      const spec = index as Yaml;
      const range = Array.isArray(spec.range) ? String(spec.range[0]) : text(spec.range, 'index range');
      return {
        name: text(spec.name, 'index name'),
        partition: Array.isArray(spec.partition) ? spec.partition.map(String) : [],
        range,
      };
    }),
  };
}

/** The file and export a handler string names, under `<root>/src`; refuses `..`. */
export function handlerLocation(manifest: ForgeManifest, handler: string): { file: string; name: string } {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) throw new Error(`Handler "${handler}" is not file.export.`);
  const file = handler.slice(0, dot);
  if (file.split('/').includes('..')) throw new Error(`Handler "${handler}" may not leave ./src.`);
  return { file: normalize(join(manifest.root, 'src', file)), name: handler.slice(dot + 1) };
}
