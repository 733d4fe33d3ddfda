#!/usr/bin/env node
// Runs intelligence conformance vectors through the project's own Apex engine on the JVM (the Apex is
// translated to Java, see README.md): every case as IntelligenceVectors_Tests runs it, the failing ones with
// expected vs actual, a per-field accuracy table and the highest regex reads. Exit 0 when every case
// passes, 1 when some fail, 2 when the Apex cannot be translated or the arguments are wrong.
// Usage: node test/apex-jvm/run-vectors.mjs [--root <project dir>] [--vectors <json file>]
//          [--rules test|shipped] [--case <name part>] [--explain] [--json]
//   --case: report only the cases whose name contains the text; --explain: the explanations of failing cases
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildProgram, readProject, runTogether, writeCacheFile } from "./build.mjs";
import { metadataRecords } from "./metadata-records.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "../..");
export const DEFAULT_VECTORS = "force-app/main/intelligence/staticresources/IntelligenceVectors.json";
const REGEX_LIMIT = 1_000_000;

/** What the runner calls in the translated program (see runtime/runner/*.java). */
const ENTRY_POINTS = [
  { cls: "IntelligenceEngine", member: "<init>" },
  { cls: "IntelligenceEngine", member: "analyze" },
  { cls: "IntelligenceVectors_Tests", member: "settingsFor" },
  { cls: "IntelligenceVectors_Tests", member: "inputFor" },
  { cls: "IntelligenceVectors_Tests", member: "mismatches" },
  { cls: "IntelligenceTestRules", member: "rules" },
  { cls: "CaptureConfigSelector", member: "getRules" },
  { cls: "CaptureConfigSelector", member: "getSettings" },
  { cls: "CaptureConfigSelector", member: "mockRules" },
  { cls: "CaptureConfigSelector", member: "mockSettings" },
  // intake's path for cases that carry a whole call (runtime/runner/CallVectors.java)
  { cls: "CallWork", member: "<init>" },
  { cls: "CallPrivacy", member: "<init>" },
  { cls: "CallPrivacy", member: "apply" },
  { cls: "CallAnalysis", member: "inputOf" }
];
/** RealCallVectors.json is judged by its own test's judge (runtime/runner/RealCallJudge.java). */
const REAL_CALL_ENTRY_POINTS = [
  { cls: "RealCallVectors_Tests", member: "judge" },
  { cls: "RealCallVectors_Tests", member: "callPayload" },
  { cls: "RealCallVectors_Tests", member: "FIELDS" }
];
const runnerSource = (name) => path.join(HERE, "runtime/runner", name);
const FIELD_LABELS = {
  urgency: "urgency",
  callbackRequested: "callback requested",
  serviceInterest: "service interest",
  budget: "budget",
  timeline: "timeline"
};

function parseArgs(argv) {
  const opts = { root: REPO, vectors: null, rules: null, json: false, explain: false, case: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") opts.json = true;
    else if (arg === "--explain") opts.explain = true;
    else if (["--root", "--vectors", "--rules", "--case"].includes(arg) && argv[i + 1]) {
      opts[arg.slice(2)] = argv[++i];
    } else throw new UsageError(`unknown argument ${arg}`);
  }
  opts.root = path.resolve(opts.root);
  opts.vectors = path.resolve(opts.vectors ?? path.join(opts.root, DEFAULT_VECTORS));
  if (opts.rules && !["test", "shipped"].includes(opts.rules))
    throw new UsageError(`--rules must be test or shipped, not ${opts.rules}`);
  if (!fs.existsSync(opts.vectors)) throw new UsageError(`no vectors file ${opts.vectors}`);
  return opts;
}

class UsageError extends Error {}

/** Maps "Class:javaLine:method" frames of the translated program back to Apex file:line. */
function apexFrames(frames, lineMaps) {
  return frames.map((frame) => {
    const [cls, line, method] = frame.split(":");
    const map = lineMaps[cls];
    const apexLine = map?.lines[Number(line) - 1];
    return map?.apexFile && apexLine
      ? `${map.apexFile}:${apexLine} (${method})`
      : `${cls}.java:${line} (${method})`;
  });
}

/** The entry points and runner sources a vectors file needs (RealCallVectors.json may need its judge). */
export function vectorsBuild(root, vectors) {
  const realCalls =
    path.basename(vectors, ".json") === "RealCallVectors" &&
    readProject(root).classFiles.has("realcallvectors_tests");
  return {
    realCalls,
    entryPoints: realCalls ? [...ENTRY_POINTS, ...REAL_CALL_ENTRY_POINTS] : ENTRY_POINTS,
    runnerSources: [
      "VectorRunner.java",
      "CallVectors.java",
      "RunnerSupport.java",
      "Runs.java",
      "FreshApexLoader.java",
      ...(realCalls ? ["RealCallJudge.java"] : [])
    ].map(runnerSource)
  };
}

/**
 * The vectors' run for runTogether: its build (translated and compiled, cached), runner and arguments, and
 * result(stdout, javaMillis), which reads the runner's output. check.mjs runs it in one JVM with the step's other
 * runners.
 */
export async function vectorsRun({ root, vectors, rules, share }) {
  // RealCallVectors.json runs with the shipped rules and settings, as its test does, and is judged by that
  // test's own judge where the project has it; any other file as IntelligenceVectors_Tests runs its file.
  const needs = vectorsBuild(root, vectors);
  const realCalls = needs.realCalls;
  rules ??= path.basename(vectors, ".json") === "RealCallVectors" ? "shipped" : "test";
  const build = await buildProgram({
    root,
    entryPoints: [...needs.entryPoints, ...(share?.entryPoints ?? [])],
    runnerSources: [...needs.runnerSources, ...(share?.runnerSources ?? [])]
  });
  const args = [vectors, rules, realCalls ? "realcall" : "text"];
  if (rules === "shipped") {
    const recordsFile = writeCacheFile(
      `records-${build.key}.json`,
      JSON.stringify(metadataRecords(build.project))
    );
    args.push(recordsFile);
  }
  const result = (stdout, javaMillis) => {
    const output = JSON.parse(stdout);
    for (const c of output.cases)
      if (c.error) c.error.apexFrames = apexFrames(c.error.frames, build.lineMaps);
    return { ...output, summary: summarize(output.cases), build: { cached: build.cached, javaMillis } };
  };
  return { build, runner: "runner.VectorRunner", args, result };
}

/**
 * Translates, compiles (cached) and runs the vectors. `share` ({entryPoints, runnerSources}) adds another
 * runner's needs to the build, so two runners use one compiled program.
 * @returns {Promise<{cases: object[], summary: object, build: object}>}
 */
export async function runVectors(options) {
  const run = await vectorsRun(options);
  const started = Date.now();
  const [stdout] = runTogether([run]);
  return run.result(stdout, Date.now() - started);
}

/** Per-field right/total, all five right, passing cases, and the highest regex reads. */
export function summarize(cases) {
  const fields = Object.fromEntries(Object.keys(FIELD_LABELS).map((f) => [f, { right: 0, total: 0 }]));
  let allRight = 0;
  let withFields = 0;
  let passed = 0;
  let maxReads = { reads: 0 };
  let knownMisses = 0;
  for (const c of cases) {
    if (!c.error && c.problems.length === 0) passed++;
    if (c.regex?.reads > maxReads.reads) maxReads = { ...c.regex, name: c.name };
    knownMisses += c.knownMisses?.length ?? 0;
    const stated = Object.keys(c.fields ?? {});
    // A case that throws has every field it states wrong (the runner marks them false).
    if (stated.length) withFields++;
    for (const f of stated) {
      fields[f].total++;
      if (c.fields[f]) fields[f].right++;
    }
    if (stated.length && stated.every((f) => c.fields[f])) allRight++;
  }
  const errors = cases.filter((c) => c.error).length;
  return { cases: cases.length, passed, errors, fields, allRight, withFields, maxReads, knownMisses };
}

function pct(right, total) {
  return total ? `${((100 * right) / total).toFixed(1)}%` : "-";
}

/** The human-readable report of a run. */
export function formatVectorReport({ cases, summary, rules, ruleCount, judge }, opts) {
  const lines = [];
  for (const c of cases) {
    if (c.error) {
      lines.push(
        `FAIL ${c.name}: threw ${c.error.type}: ${c.error.message}${c.error.uncatchable ? " (uncatchable in Apex)" : ""}`
      );
      for (const frame of c.error.apexFrames.slice(0, 6)) lines.push(`    at ${frame}`);
    } else if (c.problems.length) {
      lines.push(`FAIL ${c.name}`);
      for (const p of c.problems) lines.push(`    ${p}`);
      const a = c.actual;
      lines.push(
        `    actual: urgency ${a.urgency}, callback ${a.callbackRequested}, service ${a.serviceInterest}, budget ${a.budgetAmount}, timeline ${a.timeline}, rating ${a.rating}`
      );
      if (opts.explain) for (const e of a.explanations) lines.push(`    because ${e}`);
    }
  }
  const relative = path.relative(process.cwd(), opts.vectors);
  const rel = relative.startsWith("..") ? opts.vectors : relative;
  lines.push("");
  lines.push(
    `${rel}: ${summary.passed}/${summary.cases} cases pass (${rules} rules, ${ruleCount} enabled; judged by ${judge})${summary.errors ? `, ${summary.errors} threw` : ""}${summary.knownMisses ? `, ${summary.knownMisses} known misses reported, not failed` : ""}`
  );
  lines.push("");
  lines.push("| field | right | accuracy |");
  lines.push("| --- | --- | --- |");
  for (const [f, label] of Object.entries(FIELD_LABELS)) {
    const { right, total } = summary.fields[f];
    lines.push(`| ${label} | ${right} / ${total} | ${pct(right, total)} |`);
  }
  lines.push(
    `| all five right (of the fields each case states) | ${summary.allRight} / ${summary.withFields} | ${pct(summary.allRight, summary.withFields)} |`
  );
  const m = summary.maxReads;
  lines.push("");
  lines.push(
    m.reads
      ? `Highest regex reads: ${m.reads.toLocaleString("en-US")} (${((100 * m.reads) / REGEX_LIMIT).toFixed(1)}% of Apex's 1,000,000 limit) in case "${m.name}", a ${m.inputLength}-character input, pattern ${m.pattern.length > 120 ? m.pattern.slice(0, 117) + "..." : m.pattern}`
      : "No regex reads recorded."
  );
  return lines.join("\n");
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(
      `${error.message}\nusage: node test/apex-jvm/run-vectors.mjs [--root <project dir>] [--vectors <json file>] [--rules test|shipped] [--case <name part>] [--explain] [--json]`
    );
    process.exit(2);
  }
  let result;
  try {
    result = await runVectors(opts);
    if (opts.case) {
      // Every case ran (one JVM); only the named ones are reported and counted.
      const cases = result.cases.filter((c) => c.name.includes(opts.case));
      result = { ...result, cases, summary: summarize(cases) };
    }
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
  if (opts.json) console.log(JSON.stringify({ vectors: opts.vectors, ...result }, null, 2));
  else console.log(formatVectorReport(result, opts));
  // exitCode, not exit(): a large --json output piped elsewhere must be flushed first.
  process.exitCode = result.summary.passed === result.summary.cases ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
