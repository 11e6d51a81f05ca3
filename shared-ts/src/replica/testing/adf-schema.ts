/**
 * Test support: Atlassian's published ADF JSON schema (draft-04, from @atlaskit/adf-schema),
 * so tests can check that every document Tandem writes is one Jira accepts.
 */
import { Validator, type Schema } from '@cfworker/json-schema';
import fullSchema from '@atlaskit/adf-schema/json-schema/v1/full.json';

const validator = new Validator(JSON.parse(JSON.stringify(fullSchema)) as Schema, '4', true);

/** Where `doc` breaks the ADF schema (innermost errors first); empty when it is valid. */
export function adfSchemaErrors(doc: unknown): string[] {
  const result = validator.validate(doc);
  return result.valid
    ? []
    : result.errors
        .slice(-5)
        .reverse()
        .map((error) => `${error.instanceLocation}: ${error.error}`);
}
