// The gate proves it can fail: every check runs, through `npm test`'s runner, against a fixture project
// under test/gate/fixtures/ holding planted defects. Each test asserts the step that caught them (its
// name in run-all's output) and that the step names each defect's file and line — and nothing else, so the
// valid files next to them show the check has no false positives. The planted code must be formatted (else
// `npm test` would stop at `format` first): one format run over these fixtures and those of the other self-tests
// (FORMATTED_TOGETHER, gate-run.mjs) proves it for all of them at once, where only the deliberately messy file is
// reported. Likewise one apex-ls run (APEX_LS_FIXTURES) judges `defects` and proves that the fixtures of the apex-rules
// step's self-tests pass apex-ls, which is blind to their planted defects.
// All runs start at once (they are independent processes) and each test awaits its own.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import {
  APEX_LS_FIXTURES,
  assertCaughtBy,
  assertExactly,
  assertFailedAt,
  fixture,
  FORMATTED_TOGETHER,
  repoRoot,
  runScript,
  runSteps,
  stepFindings
} from "./gate-run.mjs";

// Inside the repository (its .tmp/, which the checks never walk), so prettier finds its plugins as for a fixture;
// an sfdx project, as the format step requires.
fs.mkdirSync(path.join(repoRoot, ".tmp"), { recursive: true });
const together = fs.mkdtempSync(path.join(repoRoot, ".tmp", "gate-fixtures-"));
after(() => fs.rmSync(together, { recursive: true, force: true }));
for (const name of FORMATTED_TOGETHER)
  fs.cpSync(fixture(name), path.join(together, name), { recursive: true });
fs.copyFileSync(fixture("format/sfdx-project.json"), path.join(together, "sfdx-project.json"));

const runs = {
  format: runSteps(together, ["format"]),
  lint: runSteps("lint", ["lint"]),
  metadata: runSteps("defects", ["metadata"]),
  metadataSoql: runSteps("soql", ["metadata"]),
  apexLs: runScript("apex-ls.mjs", ["--roots", APEX_LS_FIXTURES.map(fixture).join(",")]),
  codeAnalyzer: runSteps("defects", ["code-analyzer"]),
  jest: runSteps("jest", ["lwc"])
};

test("format: prettier reports the misformatted Apex class at its first wrong line, and nothing else", async () => {
  // the one file that is unformatted on purpose; Tidy.cls beside it and every other fixture's file (the planted
  // defects of this file's tests and of the other self-tests) must not be reported
  assertCaughtBy(await runs.format, [["format/force-app/main/default/classes/Messy.cls:9", "not formatted"]]);
});

test("lint: eslint reports the LWC rules, the Node script errors (a built-in Node 20 lacks) and the TypeScript rule", async () => {
  assertCaughtBy(await runs.lint, [
    ["lwc/badCounter/badCounter.js:8", "@lwc/lwc/no-api-reassignments"],
    ["lwc/badCounter/badCounter.js:14", "no-restricted-syntax"],
    ["scripts/tool.mjs:3", "'startValue' is not defined"],
    ["scripts/tool.mjs:7", "no-restricted-properties"],
    ["ts-sdk/src/parse.ts:2", "@typescript-eslint/no-explicit-any"]
  ]);
});

test("metadata: CMDT records, permission sets, LWC imports, list views and meta files are checked", async () => {
  assertCaughtBy(await runs.metadata, [
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
  // TYPEOF, FOR UPDATE) must not be reported: assertCaughtBy fails on any extra finding.
  assertCaughtBy(await runs.metadataSoql, [
    ["classes/PlantedQueries.cls:14", "Gadget__c has no field Weight__c"],
    ["classes/PlantedQueries.cls:17", "Gadget__c has no field Supplier__r (in Supplier__r.Name)"],
    ["classes/PlantedQueries.cls:19", "Account has no field Nickname__c (in Maker__r.Nickname__c)"],
    ["classes/PlantedQueries.cls:23", "Gadget__c has no child relationship Gizmos__r"],
    ["classes/PlantedQueries.cls:24", "Gadget__c has no field Colour__c (in Gadget__r.Colour__c)"],
    ["classes/PlantedQueries.cls:25", "unknown object Gizmo__c in FROM"]
  ]);
});

/**
 * apex-ls's report on each fixture of the shared run (the lines after its "apex-ls --root <dir>"; findings and those
 * lines share stderr, so they keep their order), paths relative to the fixture like a run inside it.
 */
async function apexLsReport(name) {
  const { code, output } = await runs.apexLs;
  assert.equal(code, 1, `apex-ls must fail (on defects), not break:\n${output}`); // 2: a fixture's run broke
  const dir = `test/gate/fixtures/${name}`;
  const report = output.split(/^apex-ls --root (.*)$/m).find((text, i, parts) => parts[i - 1] === dir);
  assert.ok(report !== undefined, `no apex-ls report for ${dir}:\n${output}`);
  return report.replaceAll(`\n${dir}/`, "\n");
}

test("apex-ls: a type error, an unknown custom field and a class without meta file", async () => {
  const report = await apexLsReport("defects");
  assert.match(report, /^apex-ls: 3 finding\(s\) in test\/gate\/fixtures\/defects$/m, report);
  assertExactly(
    stepFindings(report),
    [
      ["classes/NoMeta.cls:1", "meta file is missing"],
      ["classes/TypeError.cls:10", "Incompatible types in assignment"],
      ["classes/UnknownField.cls:11", "Unknown field 'Weight__c'"]
    ],
    "from apex-ls on defects"
  );
});

test("apex-ls: the fixtures of the apex-rules self-tests pass it", async () => {
  const passing = APEX_LS_FIXTURES.filter((name) => name !== "defects");
  for (const name of passing) {
    const report = await apexLsReport(name);
    assert.deepEqual(stepFindings(report), [], `apex-ls must pass on ${name}:\n${report}`);
    assert.doesNotMatch(report, /finding\(s\) in/, report);
  }
  const { output } = await runs.apexLs; // "ok" goes to stdout, apart from the reports: counted, not placed
  assert.equal(output.match(/^apex-ls: ok /gm)?.length, passing.length, output);
});

test("code-analyzer: SOQL in a loop, describe maps outside ConfiguredSchema, a rule disabled without a reason, a file PMD cannot parse", async () => {
  assertCaughtBy(await runs.codeAnalyzer, [
    ["classes/DescribeLookup.cls:13", "DescribeMapOutsideConfiguredSchema"],
    ["classes/DescribeLookup.cls:14", "DescribeMapOutsideConfiguredSchema"],
    ["classes/DescribeLookup.cls:23", "DescribeMapOutsideConfiguredSchema"],
    ["classes/LoopQuery.cls:13", "OperationWithLimitsInLoop"],
    ["lwc/widgetFormat/widgetFormat.js:1", "PMD cannot parse this file"],
    ["code-analyzer.yml:3", "disabled without a reason"]
  ]);
});

test("lwc: a failing LWC Jest test fails the lwc step with the test file and line", async () => {
  // the fixture's component and test are formatted (the format test above): lwc fails
  const result = await runs.jest;
  assertFailedAt(result);
  assert.match(result.output, /greeter\.test\.js:14/);
  assert.match(result.output, /Expected: "Goodbye, Ada"/);
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
  const results = await Promise.all(Object.keys(expected).map((step) => runSteps("empty", [step])));
  Object.keys(expected).forEach((step, i) => {
    assertFailedAt(results[i]);
    assert.ok(results[i].output.includes(`missing: ${expected[step]}`), `${step}:\n${results[i].output}`);
  });
});
