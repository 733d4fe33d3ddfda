// The gate proves it can fail: every check runs against a fixture project under test/gate/fixtures/
// holding planted defects, and must fail naming each defect's file and line — and nothing else, so the
// valid files next to them show the check has no false positives.
// All runs start at once (they are independent processes) and each test awaits its own.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const fixture = (name) => path.join(repoRoot, "test/gate/fixtures", name);

function run(script, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "scripts/check", script), ...args], {
      cwd: repoRoot,
      env: { ...process.env, FORCE_COLOR: "0" }
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code, output }));
  });
}
const check = (name, fixtureName) => run(`${name}.mjs`, ["--root", fixture(fixtureName)]);

/** The "file:line: message" findings of a check's output, with paths relative to the fixture's force-app. */
function findings(output, fixtureName) {
  const prefix = path.relative(repoRoot, fixture(fixtureName)) + "/";
  return output
    .split("\n")
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length).replace("force-app/main/default/", ""));
}

function assertFindings(result, fixtureName, expected) {
  assert.equal(result.code, 1, `the check must fail (exit 1); output:\n${result.output}`);
  const actual = findings(result.output, fixtureName);
  for (const [location, text] of expected) {
    assert.ok(
      actual.some((f) => f.startsWith(`${location}: `) && f.includes(text)),
      `expected "${location}: …${text}…" among:\n${actual.join("\n")}`
    );
  }
  assert.equal(actual.length, expected.length, `unexpected extra findings:\n${actual.join("\n")}`);
}

const runs = {
  format: check("format", "format"),
  lint: check("lint", "lint"),
  metadata: check("metadata", "defects"),
  metadataSoql: check("metadata", "soql"),
  apexLs: check("apex-ls", "defects"),
  codeAnalyzer: check("code-analyzer", "defects"),
  runAllFormat: run("run-all.mjs", ["--root", fixture("format"), "--only", "format"]),
  runAllJest: run("run-all.mjs", ["--root", fixture("jest"), "--only", "lwc"])
};

test("format: prettier reports the misformatted Apex class at its first wrong line", async () => {
  assertFindings(await runs.format, "format", [["classes/Messy.cls:9", "not formatted"]]);
});

test("lint: eslint reports the LWC rule, the Node script error and the TypeScript rule", async () => {
  assertFindings(await runs.lint, "lint", [
    ["lwc/badCounter/badCounter.js:8", "@lwc/lwc/no-api-reassignments"],
    ["scripts/tool.mjs:3", "'startValue' is not defined"],
    ["ts-sdk/src/parse.ts:2", "@typescript-eslint/no-explicit-any"]
  ]);
});

test("metadata: CMDT records, permission sets, LWC imports, list views and meta files are checked", async () => {
  assertFindings(await runs.metadata, "defects", [
    ["classes/NoMeta.cls:1", "has no NoMeta.cls-meta.xml"],
    ["customMetadata/Setting.Missing_Field.md-meta.xml:10", "Setting__mdt has no field Missing__c"],
    ["customMetadata/Setting.Wrong_Types.md-meta.xml:10", "more than 3 digit(s)"],
    ["customMetadata/Setting.Wrong_Types.md-meta.xml:14", '"yes" is not true or false'],
    ["customMetadata/Setting.Wrong_Types.md-meta.xml:18", '"Turbo" is not a value of the picklist'],
    ["lwc/widgetPanel/widgetPanel.js:3", "PanelController.secret is not @AuraEnabled"],
    ["lwc/widgetPanel/widgetPanel.js:5", "unknown field Widget__c.Shade__c"],
    ["objects/Widget__c/listViews/All.listView-meta.xml:6", "Widget__c has no field Missing_Column__c"],
    ["permissionsets/Call_Capture_Admin.permissionset-meta.xml:14", "unknown field Widget__c.Ghost__c"]
  ]);
});

test("metadata: inline SOQL naming unknown fields, relationships, child relationships and objects", async () => {
  // ValidQueries.cls beside them (subqueries, aggregates with aliases, binds, relationship paths,
  // TYPEOF, FOR UPDATE) must not be reported: assertFindings fails on any extra finding.
  assertFindings(await runs.metadataSoql, "soql", [
    ["classes/PlantedQueries.cls:14", "Gadget__c has no field Weight__c"],
    ["classes/PlantedQueries.cls:17", "Gadget__c has no field Supplier__r (in Supplier__r.Name)"],
    ["classes/PlantedQueries.cls:19", "Account has no field Nickname__c (in Maker__r.Nickname__c)"],
    ["classes/PlantedQueries.cls:23", "Gadget__c has no child relationship Gizmos__r"],
    ["classes/PlantedQueries.cls:24", "Gadget__c has no field Colour__c (in Gadget__r.Colour__c)"],
    ["classes/PlantedQueries.cls:25", "unknown object Gizmo__c in FROM"]
  ]);
});

test("apex-ls: a type error, an unknown custom field and a class without meta file", async () => {
  assertFindings(await runs.apexLs, "defects", [
    ["classes/NoMeta.cls:1", "meta file is missing"],
    ["classes/TypeError.cls:10", "Incompatible types in assignment"],
    ["classes/UnknownField.cls:11", "Unknown field 'Weight__c'"]
  ]);
});

test("code-analyzer: SOQL in a loop, and a rule disabled without a reason", async () => {
  assertFindings(await runs.codeAnalyzer, "defects", [
    ["classes/LoopQuery.cls:13", "OperationWithLimitsInLoop"],
    ["code-analyzer.yml:3", "disabled without a reason"]
  ]);
});

test("run-all: a failing check fails npm test naming the step, file and line", async () => {
  const { code, output } = await runs.runAllFormat;
  assert.equal(code, 1, output);
  assert.match(output, /FAILED: format/);
  assert.match(output, /Messy\.cls:9: not formatted/);
});

test("run-all: a failing LWC Jest test fails the lwc step with the test file and line", async () => {
  const { code, output } = await runs.runAllJest;
  assert.equal(code, 1, output);
  assert.match(output, /FAILED: lwc/);
  assert.match(output, /greeter\.test\.js:14/);
  assert.match(output, /Expected: "Goodbye, Ada"/);
});

test("run-all: a step whose entry point does not exist fails as missing, never passes", async () => {
  const expected = {
    gate: '"test:gate" script',
    lwc: '"test:lwc" script',
    sdk: '"test" script in ts-sdk/package.json',
    api: '"test:api" script',
    scripts: '"test:scripts" script',
    ui: '"test:ui" script'
  };
  const results = await Promise.all(
    Object.keys(expected).map((step) => run("run-all.mjs", ["--root", fixture("empty"), "--only", step]))
  );
  Object.keys(expected).forEach((step, i) => {
    assert.equal(results[i].code, 1, results[i].output);
    assert.ok(results[i].output.includes(`missing: ${expected[step]}`), `${step}:\n${results[i].output}`);
  });
});
