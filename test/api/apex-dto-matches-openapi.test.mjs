// Keeps the Apex response DTOs and the OpenAPI contract from drifting: the JSON property names that
// CallResult.toJsonMap writes for a CallWork (result, intelligence, budget, explanation, warning, error) and the members of
// HealthService.HealthReport must be exactly the properties of the matching schemas in docs/api/openapi.yaml.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const core = path.join(root, "force-app/main/core/classes");
const health = path.join(root, "force-app/main/health/classes");
const schemas = YAML.parse(await readFile(path.join(root, "docs/api/openapi.yaml"), "utf8")).components
  .schemas;
const callResultSource = stripComments(await readFile(path.join(core, "CallResult.cls"), "utf8"));
const healthSource = stripComments(await readFile(path.join(health, "HealthService.cls"), "utf8"));
const problemSource = stripComments(await readFile(path.join(core, "HealthProblem.cls"), "utf8"));

function stripComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
}

/** The body of the block that starts at the first `{` at or after `from`, braces balanced. */
function blockAt(source, from) {
  const open = source.indexOf("{", from);
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === "{") depth++;
    if (source[i] === "}" && --depth === 0) return source.slice(open + 1, i);
  }
  throw new Error(`unbalanced braces after offset ${from}`);
}

/** The body of the named Apex method. */
function methodBody(source, signature) {
  const at = source.indexOf(signature);
  assert.notEqual(at, -1, `CallResult.cls no longer has ${signature}`);
  return blockAt(source, at + signature.length);
}

/** The key sets of every `new Map<String, Object>{ 'key' => … }` literal in a piece of source. */
function mapLiterals(source) {
  const literals = [];
  const marker = "new Map<String, Object>{";
  for (let at = source.indexOf(marker); at !== -1; at = source.indexOf(marker, at + marker.length)) {
    const body = blockAt(source, at + marker.length - 1);
    literals.push(new Set([...body.matchAll(/'(\w+)'\s*=>/g)].map((match) => match[1])));
  }
  return literals;
}

/** The one literal that has the given key. */
function literalWith(literals, key) {
  const found = literals.filter((keys) => keys.has(key));
  assert.equal(found.length, 1, `expected one map literal with '${key}', found ${found.length}`);
  return found[0];
}

const sorted = (names) => [...names].sort();
const schemaProperties = (name) => {
  assert.ok(schemas[name]?.properties, `docs/api/openapi.yaml has no schema ${name} with properties`);
  return Object.keys(schemas[name].properties);
};

test("CallResult JSON properties match the CallResult schema", () => {
  const body = methodBody(callResultSource, "public static Map<String, Object> toJsonMap(CallWork work)");
  const keys = new Set([...body.matchAll(/json\.put\('(\w+)'/g)].map((match) => match[1]));
  assert.deepEqual(sorted(keys), sorted(schemaProperties("CallResult")));
});

test("warning JSON properties match the Issue schema", () => {
  const body = methodBody(callResultSource, "public static Map<String, Object> toJsonMap(CallWork work)");
  assert.deepEqual(sorted(literalWith(mapLiterals(body), "code")), sorted(schemaProperties("Issue")));
});

test("error JSON properties match the Error schema", () => {
  const body = methodBody(callResultSource, "public static List<Object> errorList(");
  assert.deepEqual(sorted(literalWith(mapLiterals(body), "errorCode")), sorted(schemaProperties("Error")));
});

test("intelligence, budget and explanation JSON properties match their schemas", () => {
  const literals = mapLiterals(
    methodBody(callResultSource, "private static Map<String, Object> intelligenceJson(")
  );
  assert.deepEqual(sorted(literalWith(literals, "urgency")), sorted(schemaProperties("Intelligence")));
  assert.deepEqual(sorted(literalWith(literals, "amount")), sorted(schemaProperties("Budget")));
  assert.deepEqual(sorted(literalWith(literals, "snippet")), sorted(schemaProperties("Explanation")));
});

test("HealthReport and HealthProblem members match the Health and HealthProblem schemas", () => {
  const memberNames = (className, source) => {
    const at = source.indexOf(`class ${className} {`);
    assert.notEqual(at, -1, `no class ${className} where the test reads it`);
    const body = blockAt(source, at);
    return new Set(
      [...body.matchAll(/public\s+[\w<>, .]+?\s+(\w+)\s*(?:=[^;]*)?;/g)].map((match) => match[1])
    );
  };
  assert.deepEqual(sorted(memberNames("HealthReport", healthSource)), sorted(schemaProperties("Health")));
  assert.deepEqual(
    sorted(memberNames("HealthProblem", problemSource)),
    sorted(schemaProperties("HealthProblem"))
  );
});
