// The intelligence step bounds the Apex statements of building the shipped rule set and analysing one typical call
// (test/apex-jvm/cost.mjs): every transaction that analyses calls pays for the build, and Salesforce stops one past
// 10 s of CPU uncatchably. Proven on a copy of this project with a change written like a real one: the rule packer
// prices each rule "with the case-insensitive flag its alternation adds", so no pattern is found in the precomputed
// estimates (RegexCostTable) and every shipped rule is estimated in Apex again.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { copyApexSources } from "../apex-jvm/build.mjs";
import { BOUNDED_TEST, COST_TEST_CLASS, statementProblems } from "../apex-jvm/cost.mjs";
import { planApexTests, runApexTests } from "../apex-jvm/run-apex-tests.mjs";
import { repoRoot } from "./gate-run.mjs";

const planted = fs.mkdtempSync(path.join(os.tmpdir(), "apex-cpu-planted-"));
after(() => fs.rmSync(planted, { recursive: true, force: true }));

function plantSlowPacking() {
  copyApexSources(path.join(repoRoot, "force-app"), path.join(planted, "force-app"));
  fs.copyFileSync(path.join(repoRoot, "sfdx-project.json"), path.join(planted, "sfdx-project.json"));
  const matcherFile = path.join(planted, "force-app/main/intelligence/classes/RuleKindMatcher.cls");
  const source = fs.readFileSync(matcherFile, "utf8");
  const slow = source.replace(
    "total += RegexCost.estimate(RulePatterns.sourceOf(rule), length);",
    "total += RegexCost.estimate('(?i)' + RulePatterns.sourceOf(rule), length);"
  );
  assert.notEqual(
    slow,
    source,
    "RuleKindMatcher no longer sums RegexCost.estimate per rule: plant another slow change"
  );
  fs.writeFileSync(matcherFile, slow);
}
plantSlowPacking();

test("intelligence: a build that estimates the shipped patterns in Apex again fails the statement bound", async () => {
  // The bounded method alone, judged by statementProblems as the intelligence step judges it: the class's three
  // other methods each pay the planted slow build again (about 13 million statements each, one of them with 200
  // calls besides) without bearing on the bound.
  const plan = await planApexTests({ root: planted, classes: [COST_TEST_CLASS] });
  const runnable = plan.runnable.filter((t) => `${t.cls}.${t.method}` === BOUNDED_TEST);
  assert.equal(
    runnable.length,
    1,
    `${BOUNDED_TEST} must run on the JVM; skipped: ${JSON.stringify(plan.skipped)}`
  );
  const entryPoints = runnable.flatMap((t) =>
    [t.method, ...(t.setup ? [t.setup] : [])].map((member) => ({ cls: t.cls, member }))
  );
  const { results } = await runApexTests({
    root: planted,
    classes: [COST_TEST_CLASS],
    planned: { ...plan, runnable, entryPoints }
  });
  const problems = statementProblems(results);
  assert.equal(problems.length, 1, `the planted slow packing must fail the bound:\n${problems.join("\n")}`);
  assert.match(
    problems[0],
    /^building the shipped rule set and analysing one typical call executed [\d,]+ Apex statements, over the bound of 100,000/
  );
});
