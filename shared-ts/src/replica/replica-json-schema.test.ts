import { replicaJsonSchema } from './replica-json-schema';
import { exampleReplica } from './testing/example-replica';

/** Every subschema that describes an object, with its location. */
function objectSchemas(node: unknown, location = '#'): [string, Record<string, unknown>][] {
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const type = record.type;
  const own: [string, Record<string, unknown>][] =
    type === 'object' || (Array.isArray(type) && type.includes('object')) ? [[location, record]] : [];
  return [
    ...own,
    ...Object.entries(record).flatMap(([key, child]) => objectSchemas(child, `${location}/${key}`)),
  ];
}

describe('replicaJsonSchema', () => {
  it('is a JSON Schema draft 2020-12', () => {
    expect(replicaJsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('is plain JSON, so it can be published as is', () => {
    expect(JSON.parse(JSON.stringify(replicaJsonSchema))).toEqual(replicaJsonSchema);
  });

  it('requires exactly the fields of the Replica type, all of them', () => {
    expect([...replicaJsonSchema.required].sort()).toEqual(Object.keys(exampleReplica).sort());
    // fieldTimes is v2's only addition, required for schema 2 by the validator.
    expect(Object.keys(replicaJsonSchema.properties).sort()).toEqual(
      [...Object.keys(exampleReplica), 'fieldTimes'].sort(),
    );
  });

  it('closes every object except custom, so unknown properties are refused', () => {
    const open = objectSchemas(replicaJsonSchema)
      .filter(([, schema]) => schema.additionalProperties !== false)
      .map(([location]) => location);
    expect(open).toEqual(['#/properties/custom', '#/properties/fieldTimes']);
  });
});
