// Validates a generated JSON Schema with Ajv (tests/tests/jsonschema_*.rs).
//
//   node validate_schema.cjs SCHEMA.json CASES.json
//
// Run with NODE_PATH pointing at the node_modules that has `ajv` (.ci/services.d/frontend.sh).
// The schema must be a valid draft 2020-12 schema (checked against the meta-schema, and
// compiled in strict mode, where an unknown keyword or a useless one is an error). CASES is
// `[{"def": "TaskStatus", "value": ..., "valid": true}, ...]`: each value is validated
// against `#/$defs/<def>` (or the whole document with `"def": null`) and must be accepted or
// rejected as said. Prints one line per mismatch and a summary; exit 1 on any problem.
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020").default;

const [schemaPath, casesPath] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
const cases = JSON.parse(fs.readFileSync(casesPath, "utf8"));

// Strict, except for `"type": ["string", "integer"]` (an open enum written as names), which
// is standard JSON Schema that strict mode only discourages as a style.
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
// The code generators' keywords: annotations, never assertions.
ajv.addVocabulary(["x-enum-varnames", "x-enum-descriptions"]);

if (schema.$schema !== "https://json-schema.org/draft/2020-12/schema") {
  console.error(`not a draft 2020-12 schema: $schema is ${JSON.stringify(schema.$schema)}`);
  process.exit(1);
}
if (!ajv.validateSchema(schema)) {
  console.error("invalid against the 2020-12 meta-schema:", ajv.errorsText(ajv.errors));
  process.exit(1);
}
const key = "https://gb-enums.invalid/enums.schema.json";
try {
  ajv.addSchema(schema, key);
  ajv.getSchema(key);
  for (const def of Object.keys(schema.$defs || {})) ajv.getSchema(`${key}#/$defs/${def}`);
} catch (e) {
  console.error("does not compile in strict mode:", e.message);
  process.exit(1);
}

let failed = 0;
for (const c of cases) {
  const validate = ajv.getSchema(c.def === null ? key : `${key}#/$defs/${c.def}`);
  if (!validate) {
    console.error(`no $defs entry ${c.def}`);
    failed++;
    continue;
  }
  const ok = validate(c.value);
  if (ok !== c.valid) {
    console.error(
      `${c.def}: ${JSON.stringify(c.value)} is ${ok ? "accepted" : "rejected"}, expected ${c.valid ? "accepted" : "rejected"}`,
    );
    failed++;
  }
}
console.log(`${cases.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
