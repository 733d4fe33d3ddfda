// `npm run test:apex`: run the org's local Apex tests with code coverage, write a Markdown report,
// and fail on any failing test or coverage below 90% org-wide or 85% for any class of the package.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  commonOptions,
  repoRoot,
  requireDevHub,
  requireOrg,
  runCommand,
  validators
} from "../lib/sf-job.mjs";
import { MATRIX_ORGS, matrixTable, runMatrix } from "./apex-matrix.mjs";

const MATRIX_ONLY = ["target-dev-hub", "no-namespace", "keep-orgs"];
const SINGLE_ONLY = ["target-org", "min-org-wide", "min-class"];

const command = {
  name: "test:apex",
  npmScript: "test:apex",
  summary: "Call Capture test:apex: Apex tests with code coverage in an org",
  description: [
    "Steps: 1 check the login to the org; 2 run the local Apex tests (RunLocalTests) with code coverage,",
    "results as JSON in --output-dir; 3 check the results: every test passes, org-wide coverage and the",
    "coverage of each of the package's classes and triggers (force-app) meet the minimums; writes",
    "<output-dir>/coverage-report.md.",
    `With --matrix: the scratch-org matrix instead. For each of ${MATRIX_ORGS.length} orgs shaped like customers' orgs`,
    `(${MATRIX_ORGS.map((org) => org.name).join(", ")}; config/matrix/): create it, deploy`,
    "force-app, deploy what shapes it, run every local Apex test, delete it; then print one table. An org that",
    "fails on the way is a row of the table and the others still run; the run fails unless every org passes."
  ],
  needs:
    "an org with the package deployed that you are logged in to (npm run setup, or npm run deploy); with --matrix a Dev Hub you are logged in to.",
  options: {
    "target-org": commonOptions.targetOrg("Org to run the tests in (default: the default org)."),
    "output-dir": {
      type: "string",
      value: "dir",
      default: ".tmp/apex-tests",
      description: "Where the test results and the coverage report are written."
    },
    "min-org-wide": {
      type: "string",
      value: "percent",
      validate: validators.integerBetween(0, 100),
      description: "Minimum org-wide coverage (default: 90)."
    },
    "min-class": {
      type: "string",
      value: "percent",
      validate: validators.integerBetween(0, 100),
      description: "Minimum coverage of each of the package's classes and triggers (default: 85)."
    },
    matrix: {
      type: "boolean",
      description: "Run every Apex test in the scratch-org matrix (config/matrix/) and print one table."
    },
    "target-dev-hub": commonOptions.targetDevHub,
    "no-namespace": {
      type: "boolean",
      description:
        "With --matrix: scratch orgs without the callcap namespace (a Dev Hub that has not linked it)."
    },
    "keep-orgs": {
      type: "boolean",
      description: "With --matrix: keep the scratch orgs for a look afterwards."
    }
  },
  conflicts: (values) => {
    const clash = (values.matrix ? SINGLE_ONLY : MATRIX_ONLY).filter((name) => values[name] !== undefined);
    if (!clash.length) return undefined;
    return values.matrix
      ? `--matrix creates its own orgs and judges tests, not coverage: ${clash.map((n) => `--${n}`).join(", ")} do not apply.`
      : `${clash.map((n) => `--${n}`).join(", ")} only apply with --matrix.`;
  },
  examples: [
    "npm run test:apex",
    "npm run test:apex -- --target-org callcap-demo --output-dir .tmp/apex",
    "npm run test:apex -- --matrix --target-dev-hub devhub",
    "npm run test:apex -- --matrix --dry-run"
  ]
};

/** Names of the package's Apex classes and triggers, from force-app. */
function packageApexNames() {
  const names = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(cls|trigger)$/.test(entry.name)) names.add(entry.name.replace(/\.(cls|trigger)$/, ""));
    }
  };
  walk(path.join(repoRoot, "force-app"));
  return names;
}

/** The result file that sf apex run test wrote for this run (test-result-<runId>.json). */
function readTestResult(outputDir) {
  const runId = readFileSync(path.join(outputDir, "test-run-id.txt"), "utf8").trim();
  const file = runId ? `test-result-${runId}.json` : "test-result.json";
  return JSON.parse(readFileSync(path.join(outputDir, file), "utf8"));
}

const percent = (covered, total) => (total === 0 ? 100 : Math.round((covered / total) * 1000) / 10);

/** Judges a run: failing tests, org-wide coverage and each package class's coverage. */
function evaluate(result, packageNames, minOrgWide, minClass) {
  const failures = (result.tests ?? []).filter((test) => test.Outcome !== "Pass");
  const orgWideText = result.summary?.orgWideCoverage ?? result.coverage?.summary?.orgWideCoverage;
  const orgWide = orgWideText === undefined ? undefined : Number.parseFloat(orgWideText);
  const classes = (result.coverage?.coverage ?? [])
    .filter((entry) => packageNames.has(entry.name) && entry.totalLines > 0)
    .map((entry) => ({ name: entry.name, percent: percent(entry.totalCovered, entry.totalLines), ...entry }))
    .sort((a, b) => a.percent - b.percent || a.name.localeCompare(b.name));
  const covered = new Set(classes.map((c) => c.name));
  const problems = [
    ...failures.map(
      (test) => `test ${test.FullName ?? `${test.ApexClass?.Name}.${test.MethodName}`} ${test.Outcome}`
    ),
    ...(orgWide === undefined
      ? ["the results have no org-wide coverage (was --code-coverage dropped?)"]
      : orgWide < minOrgWide
        ? [`org-wide coverage ${orgWide}% is below ${minOrgWide}%`]
        : []),
    ...classes
      .filter((c) => c.percent < minClass)
      .map((c) => `${c.name} coverage ${c.percent}% is below ${minClass}%`)
  ];
  return {
    failures,
    orgWide,
    classes,
    problems,
    uncovered: [...packageNames].filter((n) => !covered.has(n))
  };
}

function markdownReport(result, verdict, minOrgWide, minClass) {
  const summary = result.summary ?? {};
  const lines = [
    "# Apex test report",
    "",
    `- Org: ${summary.username ?? "?"} (${summary.orgId ?? "?"}), run ${summary.testRunId ?? "?"} at ${summary.testStartTime ?? "?"}`,
    `- Tests: ${summary.testsRan ?? "?"} ran, ${summary.passing ?? "?"} passed, ${summary.failing ?? "?"} failed, ${summary.skipped ?? 0} skipped`,
    `- Org-wide coverage: ${verdict.orgWide ?? "?"}% (minimum ${minOrgWide}%)`,
    `- Verdict: ${verdict.problems.length ? `**FAIL** — ${verdict.problems.length} problem(s)` : "**PASS**"}`,
    ""
  ];
  if (verdict.problems.length) lines.push("## Problems", "", ...verdict.problems.map((p) => `- ${p}`), "");
  if (verdict.failures.length) {
    lines.push("## Failing tests", "");
    for (const test of verdict.failures) {
      lines.push(
        `### ${test.FullName ?? test.MethodName}`,
        "",
        "```",
        `${test.Message ?? ""}\n${test.StackTrace ?? ""}`.trim(),
        "```",
        ""
      );
    }
  }
  lines.push(
    `## Coverage of the package's classes and triggers (minimum ${minClass}%)`,
    "",
    "| class or trigger | covered lines | coverage |",
    "| --- | ---: | ---: |",
    ...verdict.classes.map(
      (c) =>
        `| ${c.name} | ${c.totalCovered}/${c.totalLines} | ${c.percent}%${c.percent < minClass ? " ✖" : ""} |`
    ),
    ""
  );
  if (verdict.uncovered.length) {
    lines.push(
      "No coverage data (test classes, or classes without executable lines or never run): " +
        verdict.uncovered.sort().join(", "),
      ""
    );
  }
  return lines.join("\n");
}

/** The matrix run: a Dev Hub, then every org of the matrix, then the table. */
async function matrix(job, options) {
  await job.step("Check the Dev Hub login", () => requireDevHub(job, options["target-dev-hub"]));
  const rows = await runMatrix(job, options, readTestResult);
  await job.step("The matrix", async () => {
    for (const row of rows) {
      if (job.dryRun) row.verdict = "dry run";
      else if (row.verdict === "not run") row.verdict = "tests did not run";
    }
    const table = matrixTable(rows);
    for (const line of table.split("\n")) job.note(line);
    if (job.dryRun) return;
    const notPassing = rows.filter((row) => row.verdict !== "pass");
    if (notPassing.length && !job.failures.length) {
      job.failures.push({
        message: `${notPassing.length} of ${rows.length} orgs did not pass: ${notPassing.map((r) => r.org).join(", ")}`,
        byHand: [`the failing tests of each org are in ${options["output-dir"]}/<org>/`]
      });
    }
  });
}

await runCommand(command, process.argv.slice(2), async (job, options) => {
  if (options.matrix) {
    await matrix(job, options);
    return;
  }
  const org = options["target-org"];
  const outputDir = path.resolve(repoRoot, options["output-dir"]);
  const minOrgWide = Number(options["min-org-wide"] ?? 90);
  const minClass = Number(options["min-class"] ?? 85);

  await job.step("Check the org login", () => requireOrg(job, org));

  await job.step("Run the local Apex tests with code coverage", async () => {
    // 100 is the CLI's code for "tests ran and some failed": the report below still gets written
    await job.sf(
      [
        "apex",
        "run",
        "test",
        "--test-level",
        "RunLocalTests",
        "--code-coverage",
        "--result-format",
        "human",
        "--output-dir",
        options["output-dir"],
        "--wait",
        "30",
        ...(org ? ["--target-org", org] : [])
      ],
      { okCodes: [0, 100], heartbeat: true }
    );
  });

  await job.step("Check the results and write the coverage report", async () => {
    const reportPath = path.join(outputDir, "coverage-report.md");
    job.note(
      `reads ${options["output-dir"]}/test-result-<run id>.json, writes ${path.relative(repoRoot, reportPath)}`
    );
    if (job.dryRun) return;
    let result;
    try {
      result = readTestResult(outputDir);
    } catch (error) {
      job.fail(
        `no test results in ${options["output-dir"]} (${error.message}).\n  If the run outlasted --wait, get it with: npm run sf -- apex get test --test-run-id <id> --code-coverage --output-dir ${options["output-dir"]}`
      );
    }
    const verdict = evaluate(result, packageApexNames(), minOrgWide, minClass);
    writeFileSync(reportPath, markdownReport(result, verdict, minOrgWide, minClass));
    job.note(
      `Org-wide coverage ${verdict.orgWide}%; lowest class: ${verdict.classes[0] ? `${verdict.classes[0].name} ${verdict.classes[0].percent}%` : "none"}`
    );
    if (verdict.problems.length) job.fail(`${verdict.problems.join("; ")}.\n  Report: ${reportPath}`);
  });
});
