// `npm test`: every offline check, reported in a fixed order, failing on the first failing step (in that
// order) with its findings (file:line). Independent steps run concurrently to fit the time budget on
// 2 cores, slowest first; every step runs to the end so one run shows the state of all of them.
// A step whose entry point does not exist yet fails as "missing: …" (never passes silently).
// Usage: node scripts/check/run-all.mjs [--root <project dir>] [--only a,b] [--skip a,b] [--jobs n]
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { fail, mapConcurrently, repoRoot, walk } from "./project.mjs";

/**
 * The steps in reporting order. A step runs the repository's Node script `run` with `--root .` in the project, or
 * the `script` of the project's package.json (of its `workspace` folder's) as `npm run` would (scriptCommand).
 * `needs` lists what else must exist in the project; `weight` orders the start, highest first, so the longest steps
 * never start last: the step's CPU seconds, cold, alone (docs/quality-gate.md#timings, 6 December 2026).
 */
const LWC_TESTS = "LWC Jest tests (force-app/**/lwc/*/__tests__/*.test.js)";
const VECTORS = "force-app/main/intelligence/staticresources/IntelligenceVectors.json";
const STEPS = [
  { name: "format", run: "scripts/check/format.mjs", weight: 22 },
  { name: "lint", run: "scripts/check/lint.mjs", weight: 11 },
  { name: "metadata", run: "scripts/check/metadata.mjs", weight: 4 },
  { name: "apex-ls", run: "scripts/check/apex-ls.mjs", weight: 8 },
  { name: "code-analyzer", run: "scripts/check/code-analyzer.mjs", weight: 15 },
  { name: "apex-rules", run: "scripts/check/apex-rules.mjs", weight: 12 },
  { name: "gate", script: "test:gate", needs: ["test/gate"], weight: 55 },
  // the intelligence engine's Apex, translated to Java, against its conformance vectors
  { name: "intelligence", run: "test/apex-jvm/check.mjs", needs: [VECTORS], weight: 30 },
  { name: "lwc", script: "test:lwc", needs: ["jest.config.js", LWC_TESTS], weight: 18 },
  { name: "sdk", script: "test", workspace: "ts-sdk", weight: 23 },
  { name: "api", script: "test:api", needs: ["test/api/check-openapi.mjs"], weight: 3 },
  { name: "scripts", script: "test:scripts", needs: ["test/scripts"], weight: 16 },
  { name: "ui", script: "test:ui", needs: ["test/ui/run.mjs"], weight: 20 }
];

function parseOptions(argv) {
  let values;
  try {
    const option = { type: "string" };
    const options = { root: option, only: option, skip: option, jobs: option };
    ({ values } = parseArgs({ args: argv, options }));
  } catch (error) {
    fail(`${error.message}; usage: run-all.mjs [--root dir] [--only a,b] [--skip a,b] [--jobs n]`);
  }
  const only = values.only ? values.only.split(",") : [];
  const skip = values.skip?.split(",") ?? [];
  const known = STEPS.map((s) => s.name);
  const unknown = [...only, ...skip].find((name) => !known.includes(name));
  if (unknown) fail(`unknown step "${unknown}"; steps: ${known.join(", ")}`);
  return {
    root: path.resolve(values.root ?? repoRoot),
    only: only.length ? new Set(only) : null,
    skip: new Set(skip),
    jobs: Number(values.jobs ?? 3)
  };
}

/** The scripts of the package.json in dir ({} when there is none). */
function packageScripts(dir) {
  const file = path.join(dir, "package.json");
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")).scripts ?? {}) : {};
}

/** What a step needs that is not there, or null. */
function missing(step, root) {
  if (step.script && !packageScripts(path.join(root, step.workspace ?? ""))[step.script])
    return `"${step.script}" script in ${path.join(step.workspace ?? "", "package.json")}`;
  const absent = (need) => (need === LWC_TESTS ? !hasLwcTests(root) : !fs.existsSync(path.join(root, need)));
  return step.needs?.find(absent) ?? null;
}

/**
 * spawn's arguments for a package.json script run as `npm run` runs it, without npm's own start (0.2 CPU-s): its `pre`
 * and `post` scripts around it, in a shell, in the package's folder, with node_modules/.bin of that folder and of each
 * folder above it first on the PATH (npm's order).
 */
function scriptCommand(step, root, env) {
  const dir = path.join(root, step.workspace ?? "");
  const scripts = packageScripts(dir);
  const command = ["pre", "", "post"].map((when) => scripts[when + step.script]).filter(Boolean);
  const bins = [];
  for (let d = dir, up; d !== up; up = d, d = path.dirname(d))
    bins.push(path.join(d, "node_modules", ".bin"));
  const PATH = [...bins, process.env.PATH].join(path.delimiter);
  return [command.join(" && "), { cwd: dir, env: { ...env, PATH }, shell: true }];
}

const hasLwcTests = (root) =>
  walk(path.join(root, "force-app")).some((f) => /[\\/]__tests__[\\/][^\\/]+\.test\.js$/.test(f));

function runStep(step, root) {
  const startedAt = Date.now();
  const lack = missing(step, root);
  if (lack) return Promise.resolve({ ok: false, output: `missing: ${lack}`, ms: 0 });
  const env = { ...process.env, FORCE_COLOR: "0", CI: process.env.CI ?? "true" };
  return new Promise((resolve) => {
    const child = step.script
      ? spawn(...scriptCommand(step, root, env))
      : spawn(process.execPath, [path.join(repoRoot, step.run), "--root", "."], { cwd: root, env });
    let output = "";
    // decoded as a stream: a character split between two chunks (the → of a call chain) comes out whole
    for (const stream of [child.stdout, child.stderr])
      stream.setEncoding("utf8").on("data", (d) => (output += d));
    const end = (ok, why) =>
      resolve({ ok, output: why ? `${output}\n${why}` : output, ms: Date.now() - startedAt });
    child.on("error", (error) => end(false, `could not start: ${error.message}`));
    child.on("close", (code, signal) => end(code === 0, signal && `killed by ${signal}`));
  });
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
/**
 * A long output is cut in the middle: checks print findings first, Jest and tsc summarise last. The lines of the cut
 * that name a failure (a TAP "not ok", an assertion, an error) are kept, so a failing test is never hidden.
 */
const FAILURE_LINE = /^\s*not ok\b|AssertionError|\berror:|^\s*(expected|actual):|✕|●/i;
function excerpt(text, head = 60, tail = 25, failures = 40) {
  const lines = text.trimEnd().split("\n");
  if (lines.length <= head + tail) return lines.join("\n");
  const middle = lines.slice(head, -tail);
  const failing = middle.filter((line) => FAILURE_LINE.test(line)).slice(0, failures);
  return [
    ...lines.slice(0, head),
    `… ${middle.length} more lines${failing.length ? ", of which these name a failure:" : " …"}`,
    ...failing,
    ...(failing.length ? ["…"] : []),
    ...lines.slice(-tail)
  ].join("\n");
}

const opts = parseOptions(process.argv.slice(2));
const steps = STEPS.filter((s) => (!opts.only || opts.only.has(s.name)) && !opts.skip.has(s.name));
const startedAt = Date.now();
const results = new Map();
let reported = 0;

/** Prints finished steps in the fixed order, as far as the order allows (progress while steps run). */
function reportInOrder() {
  for (; reported < steps.length && results.has(steps[reported].name); reported++) {
    const { name } = steps[reported];
    const r = results.get(name);
    console.log(`${r.ok ? "ok  " : "FAIL"} ${name.padEnd(14)} ${seconds(r.ms).padStart(7)}`);
  }
}

const slowestFirst = [...steps].sort((a, b) => b.weight - a.weight);
await mapConcurrently(slowestFirst, opts.jobs, async (step) => {
  results.set(step.name, await runStep(step, opts.root));
  reportInOrder();
});

const total = seconds(Date.now() - startedAt);
const failed = steps.filter((s) => !results.get(s.name).ok).map((s) => s.name);
// the plain closing line that CI reads as the count of what ran
const tally = `steps: ${steps.length - failed.length} passed, ${failed.length} failed`;
if (failed.length) {
  const [firstFailure, ...others] = failed;
  console.error(`\nFAILED: ${firstFailure}\n${excerpt(results.get(firstFailure).output)}`);
  if (others.length)
    console.error(`\nalso failing: ${others.join(", ")} (run with --only <step> to see them)`);
  console.error(`\nnpm test failed at step "${firstFailure}" (total ${total})\n${tally}`);
  process.exit(1);
}
console.log(`all ${steps.length} steps passed in ${total}`);
console.log(tally);
