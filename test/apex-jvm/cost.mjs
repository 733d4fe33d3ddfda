#!/usr/bin/env node
// What a transaction that analyses calls costs in Apex, offline: the Apex statements the engine executes
// (counted by the translation, README.md "Apex statements") for building the shipped rule set and analysing one
// typical call, against a bound the `intelligence` step enforces, and whether RegexCostTable (the precomputed
// estimates that keep the build cheap) is current. Run alone it runs IntelligenceCost_Tests and prints each
// method's statements and JVM milliseconds.
// Usage: node test/apex-jvm/cost.mjs [--root <project dir>] [--statements-only]
//   --statements-only: only the statement bound (the table's check builds and runs the estimator once more)
import path from "node:path";
import { fileURLToPath } from "node:url";
import { costTableProblem } from "./cost-table.mjs";
import { runApexTests } from "./run-apex-tests.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "../..");
export const COST_TEST_CLASS = "IntelligenceCost_Tests";
/**
 * The most Apex statements building the shipped rule set and analysing one typical call may execute. Derived in
 * docs/intelligence.md ("What a build and a call cost"): at a pessimistic 10 µs per statement (published loops run
 * at about 1.4 µs per iteration of one assignment) this is 1 s of the 10 s synchronous CPU limit. Measured: about
 * 25,000; building it with RegexCost estimating the shipped patterns at run time took about 22 million.
 */
const STATEMENT_BOUND = 100_000;
export const BOUNDED_TEST = `${COST_TEST_CLASS}.building_the_shipped_rule_set_and_analysing_one_typical_call_stays_within_its_cpu_target`;

/**
 * What is wrong with the measured cost, from a run of the Apex test classes that includes IntelligenceCost_Tests.
 * @returns {string[]} problems; empty when within the bound
 */
export function statementProblems(results) {
  const bounded = results.find((r) => r.test === BOUNDED_TEST);
  if (bounded?.statements === undefined) {
    return [
      `${BOUNDED_TEST} did not run on the JVM: the Apex statements of a build and a call cannot be measured`
    ];
  }
  // Counted whether the method passed or not: a slow build may fail its own CPU assertion too.
  return bounded.statements > STATEMENT_BOUND
    ? [
        `building the shipped rule set and analysing one typical call executed ${bounded.statements.toLocaleString("en-US")} Apex statements, over the bound of ${STATEMENT_BOUND.toLocaleString("en-US")} (docs/intelligence.md, "What a build and a call cost"): every transaction that analyses calls pays this, and "Apex CPU time limit exceeded" cannot be caught`
      ]
    : [];
}

/** One line per cost test method: statements and JVM milliseconds. */
export function formatCostReport(results) {
  return results
    .filter((r) => r.test.startsWith(`${COST_TEST_CLASS}.`))
    .map(
      (r) =>
        `${String(r.statements ?? "-").padStart(10)} statements ${String(r.millis).padStart(6)} ms  ${r.test.slice(COST_TEST_CLASS.length + 1)}`
    )
    .join("\n");
}

async function main() {
  const rootIndex = process.argv.indexOf("--root");
  const root = path.resolve(rootIndex > 0 ? process.argv[rootIndex + 1] : REPO);
  const { results } = await runApexTests({ root, classes: [COST_TEST_CLASS] });
  console.log(
    `Apex statements (offline count) and JVM time of ${COST_TEST_CLASS}:\n${formatCostReport(results)}`
  );
  const problems = statementProblems(results);
  const stale = process.argv.includes("--statements-only") ? null : await costTableProblem({ root });
  if (stale) problems.push(stale);
  for (const r of results.filter((x) => x.outcome !== "pass"))
    problems.push(`${r.test}: ${r.error?.message}`);
  for (const problem of problems) console.log(`FAIL ${problem}`);
  process.exitCode = problems.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(2);
  });
}
