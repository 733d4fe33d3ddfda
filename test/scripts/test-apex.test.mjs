// test:apex reads the results sf apex run test writes, fails on failing tests or low coverage, and
// always leaves a Markdown report.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { repoRoot, runScript, tempDir } from "./helpers.mjs";

const fixture = (name) => path.join(repoRoot, "test", "scripts", "fixtures", "apex", `${name}.json`);

async function runTests(resultName, extraArgs = []) {
  const outputDir = tempDir("apex");
  const run = await runScript("test:apex", ["--target-org", "qa", "--output-dir", outputDir, ...extraArgs], {
    state: "logged-in",
    env: { FAKE_SF_APEX_RESULT: fixture(resultName) }
  });
  return { run, report: readFileSync(path.join(outputDir, "coverage-report.md"), "utf8") };
}

describe("test:apex", { concurrency: true }, () => {
  it("passes when every test passes, org-wide ≥ 90% and every package class ≥ 85%", async () => {
    const { run, report } = await runTests("passing");

    assert.equal(run.code, 0, run.output);
    assert.match(run.stdout, /Org-wide coverage 93%; lowest class: CallWork 90%/);
    assert.match(report, /- Verdict: \*\*PASS\*\*/);
    assert.match(report, /\| CaptureConfigSelector \| 48\/50 \| 96% \|/);
    assert.doesNotMatch(
      report,
      /SomeoneElsesClass/,
      "classes outside force-app are not the package's to judge"
    );
  });

  it("fails on a failing test, low org-wide and low class coverage, and reports each", async () => {
    const { run, report } = await runTests("failing");

    assert.equal(run.code, 1, run.output);
    assert.match(run.stderr, /✖ Step 3 \(Check the results and write the coverage report\) failed: /);
    assert.match(run.stderr, /test callcap\.CallWork_Tests\.builds_work_for_each_call Fail/);
    assert.match(run.stderr, /org-wide coverage 88% is below 90%/);
    assert.match(run.stderr, /CallWork coverage 80% is below 85%/);
    assert.match(report, /- Verdict: \*\*FAIL\*\* — 3 problem\(s\)/);
    assert.match(report, /Expected: 1, Actual: 0/);
    assert.match(report, /\| CallWork \| 16\/20 \| 80% ✖ \|/);
  });

  it("takes the minimums from --min-org-wide and --min-class", async () => {
    const { run } = await runTests("failing", ["--min-org-wide", "80", "--min-class", "75"]);

    assert.equal(run.code, 1, "the failing test still fails the run");
    assert.doesNotMatch(run.stderr, /coverage .* is below/);
  });
});
