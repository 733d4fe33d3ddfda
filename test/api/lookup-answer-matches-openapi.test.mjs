// Keeps POST /v1/lookup's answer from drifting: the JSON names CallerLookupAnswer.toJsonMap writes must be exactly
// the properties of the CallerLookupAnswer schema in docs/api/openapi.yaml, and every one of them required (the
// answer always carries every member, null when unknown). And the answer never grows an email, address, phone or
// transcript member (docs/direct-webhooks.md, "Caller lookup").
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const schema = YAML.parse(await readFile(path.join(root, "docs/api/openapi.yaml"), "utf8")).components.schemas
  .CallerLookupAnswer;
const source = await readFile(
  path.join(root, "force-app/main/lookup/classes/CallerLookupAnswer.cls"),
  "utf8"
);

/** The keys of the map literal the named method returns. */
function returnedKeys(method) {
  const at = source.indexOf(method);
  assert.notEqual(at, -1, `CallerLookupAnswer.cls no longer has ${method}`);
  const body = source.slice(at, source.indexOf("\n  }\n", at));
  return [...body.matchAll(/'(\w+)'\s*=>/g)].map((match) => match[1]).sort();
}

test("CallerLookupAnswer JSON matches the CallerLookupAnswer schema, every member required", () => {
  const written = returnedKeys("public Map<String, Object> toJsonMap()");
  assert.deepEqual(written, Object.keys(schema.properties).sort());
  assert.deepEqual([...schema.required].sort(), written);
});

test("no lookup answer or prompt variable names an email, address, phone or transcript", () => {
  const names = [
    ...returnedKeys("public Map<String, Object> toJsonMap()"),
    ...returnedKeys("public Map<String, Object> toVariables()")
  ];
  assert.ok(names.length >= 20, `found ${names.length} names`);
  for (const name of names) {
    assert.doesNotMatch(name, /email|street|address|city|postal|zip|phone|number|transcript/i, name);
  }
});
