// Checks the REST contract (docs/api/openapi.yaml): the document is valid OpenAPI 3.1, every schema
// compiles under JSON Schema 2020-12, and every example (inline or externalValue file) matches the
// schema it illustrates. Then runs the other contract tests in this folder (test/api/*.test.mjs).
import { readFile, readdir } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { validate as validateOpenApi } from "@readme/openapi-parser";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import YAML from "yaml";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const documentPath = process.argv[2]
  ? path.resolve(process.argv[2])
  : path.join(root, "docs/api/openapi.yaml");
const documentDir = path.dirname(documentPath);
const SCHEMA_BASE = "https://callcapture.dev/openapi";

const failures = [];
const fail = (where, message) => failures.push(`${where}: ${message}`);

const document = YAML.parse(await readFile(documentPath, "utf8"));

// 1. The document itself, against the OpenAPI 3.1 meta-schema (a deep copy: the parser mutates).
const structural = await validateOpenApi(structuredClone(document));
if (!structural.valid) {
  for (const error of structural.errors) fail("openapi", error.message);
}

// 2. Every component schema compiles; refs to components are rewritten to one registered root schema.
const rewriteRefs = (node) => {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === "object") {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) =>
        key === "$ref" && typeof value === "string" && value.startsWith("#/components/schemas/")
          ? [key, `${SCHEMA_BASE}#/$defs/${value.slice("#/components/schemas/".length)}`]
          : [key, rewriteRefs(value)]
      )
    );
  }
  return node;
};
const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
addFormats(ajv);
ajv.addVocabulary(["example", "discriminator", "xml", "externalDocs"]);
const schemas = document.components?.schemas ?? {};
ajv.addSchema({ $id: SCHEMA_BASE, $defs: rewriteRefs(schemas) });
for (const name of Object.keys(schemas)) {
  try {
    ajv.getSchema(`${SCHEMA_BASE}#/$defs/${name}`) ?? fail(`components.schemas.${name}`, "not compiled");
  } catch (error) {
    fail(`components.schemas.${name}`, error.message);
  }
}

// 3. Every example against its schema.
const resolveRef = (node) => {
  let current = node;
  while (current && typeof current.$ref === "string") {
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce((parent, key) => parent?.[key], document);
  }
  return current;
};
const exampleValue = async (example) => {
  if ("value" in example) return example.value;
  if (example.externalValue)
    return JSON.parse(await readFile(path.resolve(documentDir, example.externalValue), "utf8"));
  throw new Error("example has neither value nor externalValue");
};
let exampleCount = 0;
const checkMediaType = async (where, mediaType) => {
  if (!mediaType?.schema) return;
  const validator = ajv.compile(rewriteRefs(mediaType.schema));
  const examples = Object.entries(mediaType.examples ?? {});
  if ("example" in mediaType) examples.push(["example", { value: mediaType.example }]);
  if (examples.length === 0) fail(where, "has no example");
  for (const [name, reference] of examples) {
    exampleCount += 1;
    const label = `${where} example "${name}"`;
    try {
      const value = await exampleValue(resolveRef(reference));
      if (!validator(value)) {
        fail(label, ajv.errorsText(validator.errors, { separator: "; " }));
      }
    } catch (error) {
      fail(label, error.message);
    }
  }
};
const checkParameter = (where, parameter) => {
  const resolved = resolveRef(parameter);
  if (!resolved?.schema || !("example" in resolved)) return;
  exampleCount += 1;
  const validator = ajv.compile(rewriteRefs(resolved.schema));
  if (!validator(resolved.example))
    fail(`${where} parameter ${resolved.name} example`, ajv.errorsText(validator.errors));
};
for (const [route, pathItem] of Object.entries(document.paths ?? {})) {
  for (const [method, operation] of Object.entries(pathItem)) {
    if (typeof operation !== "object" || !operation.responses) continue;
    const where = `${method.toUpperCase()} ${route}`;
    for (const parameter of operation.parameters ?? []) checkParameter(where, parameter);
    for (const [type, mediaType] of Object.entries(resolveRef(operation.requestBody)?.content ?? {})) {
      await checkMediaType(`${where} request ${type}`, mediaType);
    }
    for (const [status, response] of Object.entries(operation.responses)) {
      for (const [type, mediaType] of Object.entries(resolveRef(response)?.content ?? {})) {
        await checkMediaType(`${where} ${status} ${type}`, mediaType);
      }
    }
  }
}

if (failures.length > 0) {
  console.error(`OpenAPI contract check failed (${failures.length}):`);
  for (const failure of failures) console.error(`  ✗ ${failure}`);
  process.exit(1);
}
console.log(
  `✓ ${path.relative(root, documentPath)}: valid OpenAPI ${document.openapi}, ${Object.keys(schemas).length} schemas compiled, ${exampleCount} examples match their schemas`
);

// 4. The other contract tests in this folder (e.g. Apex DTOs against the schemas).
if (!process.argv[2]) {
  const tests = (await readdir(here))
    .filter((name) => name.endsWith(".test.mjs"))
    .map((name) => path.join(here, name));
  if (tests.length > 0) {
    const run = spawnSync(process.execPath, ["--test", ...tests], { stdio: "inherit" });
    process.exit(run.status ?? 1);
  }
}
