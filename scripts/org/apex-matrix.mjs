// `npm run test:apex -- --matrix`: every Apex test in five scratch orgs shaped like the orgs customers run
// (config/matrix/), one table at the end. Each org: create it, deploy force-app, deploy what shapes it (a
// folder outside the package), run every local test, delete it. An org that fails on the way is a row of the
// table, not the end of the run.
import { readdirSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../lib/sf-job.mjs";

/** The five orgs, in the order they run. */
export const MATRIX_ORGS = [
  {
    name: "private-sharing",
    shape: "Lead, Account (and its Contacts) and Opportunity sharing Private",
    deploy: "config/matrix/private-sharing"
  },
  { name: "person-accounts", shape: "Person Accounts" },
  { name: "state-country-picklists", shape: "State and Country/Territory picklists" },
  { name: "german", shape: "default language German: translated profile names and labels" },
  {
    name: "subscriber-automation",
    shape: "a required Lead Source, a Lead trigger burning CPU, a blocking duplicate rule",
    deploy: "config/matrix/subscriber-automation"
  }
];

export const matrixDefinition = (org) => `config/matrix/${org.name}.json`;
export const matrixAlias = (org) => `callcap-matrix-${org.name}`;

/**
 * Runs the matrix: one optional step per org and action, so an org that fails names itself and the others run.
 * @param {import("../lib/sf-job.mjs").Job} job
 * @param {object} options the parsed options (target-dev-hub, no-namespace, keep-orgs, output-dir)
 * @param {(outputDir: string) => object} readTestResult reads sf's JSON result of one run
 * @returns {Promise<object[]>} one row per org
 */
export async function runMatrix(job, options, readTestResult) {
  const rows = [];
  for (const org of MATRIX_ORGS) {
    const alias = matrixAlias(org);
    const outputDir = path.posix.join(options["output-dir"], org.name);
    const row = { org: org.name, shape: org.shape, verdict: "not run" };
    rows.push(row);
    const byHand = (args) => [`npm run sf -- ${args.join(" ")}`];
    const create = [
      "org",
      "create",
      "scratch",
      "--definition-file",
      matrixDefinition(org),
      "--alias",
      alias,
      "--duration-days",
      "1",
      ...(options["target-dev-hub"] ? ["--target-dev-hub", options["target-dev-hub"]] : []),
      ...(options["no-namespace"] ? ["--no-namespace"] : []),
      "--wait",
      "15"
    ];
    if (
      !(await job.optionalStep(`${org.name}: create the scratch org`, () => job.sf(create), byHand(create)))
    ) {
      row.verdict = "org not created";
      continue;
    }
    const deploys = [
      ["project", "deploy", "start", "--source-dir", "force-app", "--target-org", alias, "--wait", "30"],
      ...(org.deploy
        ? [["project", "deploy", "start", "--source-dir", org.deploy, "--target-org", alias, "--wait", "15"]]
        : [])
    ];
    let deployed = true;
    for (const args of deploys) {
      deployed &&= await job.optionalStep(`${org.name}: deploy ${args[4]}`, () => job.sf(args), byHand(args));
    }
    if (deployed) {
      const test = [
        "apex",
        "run",
        "test",
        "--test-level",
        "RunLocalTests",
        "--result-format",
        "human",
        "--output-dir",
        outputDir,
        "--wait",
        "60",
        "--target-org",
        alias
      ];
      await job.optionalStep(
        `${org.name}: run every local Apex test`,
        async () => {
          // 100 is the CLI's code for "tests ran and some failed": the table says which
          await job.sf(test, { okCodes: [0, 100], heartbeat: true });
          if (job.dryRun) return;
          Object.assign(row, summarize(readTestResult(path.resolve(repoRoot, outputDir))));
          if (row.failing.length) job.note(`${row.failed} failing: ${row.failing.slice(0, 5).join(", ")}`);
        },
        byHand(test)
      );
    } else {
      row.verdict = "not deployed";
    }
    if (!options["keep-orgs"]) {
      const remove = ["org", "delete", "scratch", "--target-org", alias, "--no-prompt"];
      await job.optionalStep(`${org.name}: delete the scratch org`, () => job.sf(remove), byHand(remove));
    }
  }
  return rows;
}

/** Counts of one run from sf's JSON result. */
function summarize(result) {
  const tests = result.tests ?? [];
  const failing = tests.filter((t) => t.Outcome !== "Pass").map((t) => t.FullName ?? t.MethodName);
  return {
    ran: tests.length,
    passed: tests.length - failing.length,
    failed: failing.length,
    failing,
    verdict: failing.length ? "FAIL" : "pass"
  };
}

/** The one table of the matrix, as Markdown. */
export function matrixTable(rows) {
  const cell = (value) => (value === undefined ? "–" : String(value));
  return [
    "| org | shape | tests | passed | failed | result |",
    "| --- | --- | ---: | ---: | ---: | --- |",
    ...rows.map(
      (r) =>
        `| ${r.org} | ${r.shape} | ${cell(r.ran)} | ${cell(r.passed)} | ${cell(r.failed)} | ${r.verdict} |`
    )
  ].join("\n");
}

/** Every scratch definition of config/matrix, for the tests that keep the list and the folder in step. */
export function matrixDefinitionsOnDisk() {
  return readdirSync(path.join(repoRoot, "config/matrix"))
    .filter((file) => file.endsWith(".json"))
    .sort();
}
