// ShippedRules_Tests (Apex asking the engine itself, run by the intelligence step on the JVM) proves it can fail: on
// a copy of this project with planted rule records (test/gate/fixtures/shipped-rules): a rule without an example, a
// copy of a Regex rule that the original always takes first, a Regex negator `\bnot\b` that, tried before every
// phrase, takes the first word of "not an emergency", and `.*leak.*water.*gas`, past the read budget alone and in
// its kind's alternation (and refused by the engine, so it never fires). The copy keeps only the Apex tests the
// step needs, so it runs in seconds.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { fixture, repoRoot, runScript } from "./gate-run.mjs";

const planted = fs.mkdtempSync(path.join(os.tmpdir(), "shipped-rules-planted-"));
after(() => fs.rmSync(planted, { recursive: true, force: true }));

fs.cpSync(path.join(repoRoot, "force-app"), path.join(planted, "force-app"), { recursive: true });
fs.copyFileSync(path.join(repoRoot, "sfdx-project.json"), path.join(planted, "sfdx-project.json"));
fs.rmSync(path.join(planted, "force-app/main/intelligence/staticresources/RealCallVectors.json"));
const tests = path.join(planted, "force-app/tests/intelligence/classes");
const kept = ["IntelligenceTestRules", "IntelligenceVectors_Tests", "ShippedRules_Tests"];
for (const file of fs.readdirSync(tests)) {
  if (!kept.includes(file.replace(/\.cls(-meta\.xml)?$/, ""))) fs.rmSync(path.join(tests, file));
}
for (const record of fs.readdirSync(fixture("shipped-rules"))) {
  fs.copyFileSync(
    path.join(fixture("shipped-rules"), record),
    path.join(planted, "force-app/main/config/customMetadata", record)
  );
}

test("intelligence: planted rules fail ShippedRules_Tests, each in its method, and nothing else fails", async () => {
  const { code, output } = await runScript("run-all.mjs", ["--root", planted, "--only", "intelligence"]);
  assert.equal(code, 1, `npm test must fail on the planted rules:\n${output}`);
  assert.match(output, /^FAILED: intelligence$/m, output);
  const failures = output.split("\n").filter((line) => /^(FAIL|ERR) +\w+\.\w+: /.test(line));
  const failed = (method) => failures.find((line) => line.includes(` ShippedRules_Tests.${method}: `)) ?? "";
  assert.match(
    failed("every_shipped_rule_has_an_example"),
    /without an Example__c: Urgency_Water_Heater$/,
    output
  );
  const shadowed = failed("every_rule_fires_on_its_own_example_with_its_kind_and_pack_in_place");
  for (const problem of [
    'Negation_Not_An_Emergency never fires on its own example "This is not an emergency.": another negator takes it first',
    'Urgency_Burst_Pipe_Copy never fires on its own example "A pipe burst under the sink.": Urgency_Burst_Pipe took it first',
    'Urgency_Leak_Anywhere never fires on its own example "A leak of water and gas.": The pattern could read'
  ])
    assert.ok(shadowed.includes(problem), `${problem}\n${output}`);
  assert.equal(shadowed.split("never fires").length, 4, `only the planted rules:\n${output}`);
  const tooComplicated =
    /^ERR +.*: rt\.RegexTooComplicatedError: Regex too complicated: more than 1000000 reads of a /;
  assert.match(failed("urgency_rules_alone_stay_within_the_read_budget"), tooComplicated, output);
  assert.match(
    failed("urgency_rules_alone_stay_within_the_read_budget"),
    /5000-character input by the pattern \(\?i\)\.\*leak\.\*water\.\*gas$/,
    output
  );
  assert.match(failed("every_alternation_stays_within_the_read_budget"), tooComplicated, output);
  assert.match(
    failed("every_alternation_stays_within_the_read_budget"),
    /1000-character input by the pattern \(\?i\)\(/,
    output
  );
  assert.equal(failures.length, 4, `nothing else fails:\n${failures.join("\n")}`);
});
