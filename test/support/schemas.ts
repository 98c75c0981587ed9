import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '../fuzz/inputs';

/** A JSON Schema of the repository (`schemas/…`), as `Schema`, compiled as VS Code's YAML support would read it. */
export function loadSchema<Schema extends object>(relativePath: string): { schema: Schema; ajv: Ajv; validate: ValidateFunction } {
  const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, relativePath), 'utf8')) as Schema;
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  // VS Code's JSON and YAML support read it; for ajv it is an annotation like `description`.
  ajv.addKeyword('patternErrorMessage');
  return { schema, ajv, validate: ajv.compile(schema) };
}

/**
 * The schema and a reader agree on which sample documents are invalid, and the samples hold at least
 * `minEach` documents of each kind, so that the agreement means something.
 */
export function assertAgreement(validate: ValidateFunction, readerRejects: (text: string) => boolean, samples: readonly string[], minEach: number): void {
  let invalid = 0;
  for (const text of samples) {
    const schemaRejects = !validate(parseYaml(text, { schema: 'core' }));
    if (schemaRejects) invalid++;
    assert.equal(readerRejects(text), schemaRejects, `${schemaRejects ? 'only the schema' : 'only the reader'} rejects:\n${text}\n${JSON.stringify(validate.errors)}`);
  }
  assert.ok(invalid >= minEach && samples.length - invalid >= minEach, `the samples cover both valid and invalid documents (${invalid} of ${samples.length} invalid)`);
}
