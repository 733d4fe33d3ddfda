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

describe("test:apex --matrix", { concurrency: true }, () => {
  const ORGS = [
    "private-sharing",
    "person-accounts",
    "state-country-picklists",
    "german",
    "subscriber-automation"
  ];
  const matrix = (extraArgs, env = {}) =>
    runScript("test:apex", ["--matrix", "--output-dir", tempDir("matrix"), ...extraArgs], {
      state: "logged-in",
      env: { FAKE_SF_APEX_RESULT: fixture("passing"), ...env }
    });

  it("--dry-run lists the five orgs and every command, runs none, and needs no org", async () => {
    const run = await runScript("test:apex", ["--matrix", "--dry-run"]);

    assert.equal(run.code, 0, run.output);
    assert.deepEqual(run.sfCalls, [], "a dry run runs no sf command");
    const creates = run.stdout.match(/^ {3}\$ sf org create scratch .*$/gm);
    assert.deepEqual(
      creates.map((line) => line.match(/--definition-file config\/matrix\/([\w-]+)\.json/)[1]),
      ORGS,
      "five orgs, each from its definition in config/matrix"
    );
    assert.match(
      run.stdout,
      /\$ sf project deploy start --source-dir config\/matrix\/private-sharing --target-org callcap-matrix-private-sharing --wait 15/
    );
    assert.match(
      run.stdout,
      /\$ sf project deploy start --source-dir config\/matrix\/subscriber-automation /
    );
    assert.equal((run.stdout.match(/\$ sf apex run test --test-level RunLocalTests /g) ?? []).length, 5);
    assert.equal((run.stdout.match(/\$ sf org delete scratch /g) ?? []).length, 5, "each org is deleted");
    for (const org of ORGS)
      assert.match(run.stdout, new RegExp(`^ {3}\\| ${org} \\|.*\\| dry run \\|$`, "m"));
  });

  it("runs every org and prints one table of passing orgs", async () => {
    const run = await matrix([]);

    assert.equal(run.code, 0, run.output);
    const tests = run.sfCalls.filter((call) => call.slice(0, 3).join(" ") === "apex run test");
    assert.equal(tests.length, 5, "every org runs every local test");
    assert.match(run.stdout, /\| private-sharing \| .* \| 2 \| 2 \| 0 \| pass \|/);
    assert.match(run.stdout, /\| subscriber-automation \| .* \| 2 \| 2 \| 0 \| pass \|/);
  });

  it("goes on past an org that cannot be created, and fails naming it", async () => {
    const run = await matrix(["--keep-orgs"], {
      FAKE_SF_FAIL: "org create scratch --definition-file config/matrix/person-accounts.json"
    });

    assert.equal(run.code, 1, run.output);
    assert.equal(run.sfCalls.filter((call) => call.slice(0, 3).join(" ") === "apex run test").length, 4);
    assert.ok(!run.sfCalls.some((call) => call[1] === "delete"), "--keep-orgs keeps them");
    assert.match(run.stdout, /\| person-accounts \| .* \| – \| – \| – \| org not created \|/);
    assert.match(run.stdout, /\| german \| .* \| pass \|/);
    assert.match(run.stderr, /Step \d+ \(person-accounts: create the scratch org\) failed/);
    assert.match(
      run.stderr,
      /npm run sf -- org create scratch --definition-file config\/matrix\/person-accounts\.json/
    );
  });

  it("judges tests, not coverage, and takes its own orgs", async () => {
    const run = await runScript("test:apex", ["--matrix", "--target-org", "qa"]);

    assert.equal(run.code, 2, run.output);
    assert.match(run.stderr, /--matrix creates its own orgs .* --target-org do not apply/);
  });
});
