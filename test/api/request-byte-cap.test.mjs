// One number for the request byte cap: CallRequestParser.MAX_BODY_BYTES (what the org enforces), the
// OpenAPI document's root extension x-max-request-bytes and its 413 example, and docs/intake.md must agree,
// so a sender never splits its batches at a size the org then rejects.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const parserSource = await readFile(
  path.join(root, "force-app/main/api/classes/CallRequestParser.cls"),
  "utf8"
);
const openApiText = await readFile(path.join(root, "docs/api/openapi.yaml"), "utf8");
const openApi = YAML.parse(openApiText);
const intakeDoc = await readFile(path.join(root, "docs/intake.md"), "utf8");

function apexCap() {
  const match = parserSource.match(/MAX_BODY_BYTES\s*=\s*(\d+)\s*;/);
  assert.ok(match, "CallRequestParser.cls declares MAX_BODY_BYTES as an integer literal");
  return Number(match[1]);
}

test("the OpenAPI document states the cap the Apex parser enforces", () => {
  assert.equal(openApi["x-max-request-bytes"], apexCap());
});

test("the 413 PAYLOAD_TOO_LARGE example names the same cap", () => {
  const example = openApi.components.responses.TooLarge.content["application/json"].examples.payloadTooLarge;
  const message = example.value[0].message;
  assert.match(message, new RegExp(`the limit is ${apexCap()} bytes`));
});

test("docs/intake.md states the same cap", () => {
  const formatted = apexCap().toLocaleString("en-US");
  assert.ok(intakeDoc.includes(`${formatted} bytes`), `docs/intake.md says "${formatted} bytes"`);
  assert.match(
    intakeDoc,
    new RegExp(`PAYLOAD_TOO_LARGE\\\` \\(body > ${formatted} bytes\\)`),
    "the status-code table names the cap"
  );
});
