// The intelligence step bounds the Apex statements of building the shipped rule set and analysing one typical call
// (test/apex-jvm/cost.mjs): every transaction that analyses calls pays for the build, and Salesforce stops one past
// 10 s of CPU uncatchably. Proven on a copy of this project with a change written like a real one: the rule packer
// prices each rule "with the case-insensitive flag its alternation adds", so no pattern is found in the precomputed
// estimates (RegexCostTable) and every shipped rule is estimated in Apex again.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { repoRoot } from "./gate-run.mjs";

const planted = fs.mkdtempSync(path.join(os.tmpdir(), "apex-cpu-planted-"));
after(() => fs.rmSync(planted, { recursive: true, force: true }));

function plantSlowPacking() {
  fs.cpSync(path.join(repoRoot, "force-app"), path.join(planted, "force-app"), { recursive: true });
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

function runCost(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "test/apex-jvm/cost.mjs"), ...args], {
      cwd: repoRoot
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code, output }));
  });
}

test("intelligence: a build that estimates the shipped patterns in Apex again fails the statement bound", async () => {
  const { code, output } = await runCost(["--root", planted, "--statements-only"]);
  assert.equal(code, 1, `the planted slow packing must fail:\n${output}`);
  assert.match(
    output,
    /^FAIL building the shipped rule set and analysing one typical call executed [\d,]+ Apex statements, over the bound of 100,000/m,
    output
  );
});
