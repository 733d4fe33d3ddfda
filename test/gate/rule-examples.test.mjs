// ShippedRuleExamples_Tests (the real engine's Apex, run by the intelligence step on the JVM) proves it can fail:
// on a copy of this project with planted rule records (test/gate/fixtures/rule-examples): a rule without an
// example, a copy of a Regex rule that the original always takes first, and a Regex negator `\bnot\b` that,
// tried before every phrase, takes the first word of "not an emergency". The copy keeps only the Apex tests the
// step needs, so it runs in seconds.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { fixture, repoRoot, runScript } from "./gate-run.mjs";

const planted = fs.mkdtempSync(path.join(os.tmpdir(), "rule-examples-planted-"));
after(() => fs.rmSync(planted, { recursive: true, force: true }));

fs.cpSync(path.join(repoRoot, "force-app"), path.join(planted, "force-app"), { recursive: true });
fs.copyFileSync(path.join(repoRoot, "sfdx-project.json"), path.join(planted, "sfdx-project.json"));
fs.rmSync(path.join(planted, "force-app/main/intelligence/staticresources/RealCallVectors.json"));
const tests = path.join(planted, "force-app/tests/intelligence/classes");
const kept = ["IntelligenceTestRules", "IntelligenceVectors_Tests", "ShippedRuleExamples_Tests"];
for (const file of fs.readdirSync(tests)) {
  if (!kept.includes(file.replace(/\.cls(-meta\.xml)?$/, ""))) fs.rmSync(path.join(tests, file));
}
for (const record of fs.readdirSync(fixture("rule-examples"))) {
  fs.copyFileSync(
    path.join(fixture("rule-examples"), record),
    path.join(planted, "force-app/main/config/customMetadata", record)
  );
}

test("intelligence: a rule without an example, a shadowed copy and a shadowed negator fail ShippedRuleExamples_Tests, and nothing else", async () => {
  const { code, output } = await runScript("run-all.mjs", ["--root", planted, "--only", "intelligence"]);
  assert.equal(code, 1, `npm test must fail on the planted rules:\n${output}`);
  assert.match(output, /^FAILED: intelligence$/m, output);
  const failed = (method) =>
    output.split("\n").find((line) => line.startsWith(`FAIL ShippedRuleExamples_Tests.${method}: `)) ?? "";
  assert.match(
    failed("every_shipped_rule_has_an_example"),
    /without an Example__c: Urgency_Water_Heater$/,
    output
  );
  const shadowed = failed("every_rule_fires_on_its_own_example_with_its_kind_and_pack_in_place");
  for (const problem of [
    'Urgency_Burst_Pipe_Copy never fires on its own example "A pipe burst under the sink.": Urgency_Burst_Pipe took it first',
    'Negation_Not_An_Emergency never fires on its own example "This is not an emergency.": another negator takes it first'
  ])
    assert.ok(shadowed.includes(problem), `${problem}\n${output}`);
  assert.equal(shadowed.split("never fires").length, 3, `only the two planted rules:\n${output}`);
});
