#!/usr/bin/env node
// How many times one Apex Matcher reads its input scanning a text with find() to the end: the number Apex
// stops at 1,000,000 with the uncatchable "Regex too complicated" (Apex Developer Guide, "Using Patterns and
// Matchers"), counted by the runtime's CountedText on java.util.regex (see README.md).
// Usage: node test/apex-jvm/regex-reads.mjs <regex> (--text <file> | --length <n> [--fill <text>]) [--count-past-limit]
//   --length n: the fill text (default a sentence without digits) repeated to n characters, on one line
//   --count-past-limit: keep counting past 1,000,000 (up to 10^12) to measure how far a pattern goes
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compileRunner } from "./build.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_FILL = "The caller says the water heater in the garage makes a rattling noise every morning. ";

function parseArgs(argv) {
  const opts = { regex: null, text: null, length: null, fill: DEFAULT_FILL, pastLimit: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--text") opts.text = fs.readFileSync(argv[++i], "utf8");
    else if (argv[i] === "--length") opts.length = Number(argv[++i]);
    else if (argv[i] === "--fill") opts.fill = argv[++i];
    else if (argv[i] === "--count-past-limit") opts.pastLimit = true;
    else if (opts.regex === null) opts.regex = argv[i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (opts.regex === null || (opts.text === null && !(opts.length > 0))) {
    throw new Error("usage: regex-reads.mjs <regex> (--text <file> | --length <n> [--fill <text>])");
  }
  opts.text ??= opts.fill.repeat(Math.ceil(opts.length / opts.fill.length)).slice(0, opts.length);
  return opts;
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
const classpath = compileRunner([path.join(HERE, "runtime/runner/RegexReads.java")]);
const textFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "regex-reads-")), "text.txt");
fs.writeFileSync(textFile, opts.text);
const limit = opts.pastLimit ? ["-Dapex.regex.limit=1000000000000"] : [];
const run = spawnSync(
  "java",
  ["-XX:+UseSerialGC", ...limit, "-cp", classpath, "runner.RegexReads", opts.regex, textFile],
  {
    encoding: "utf8"
  }
);
fs.rmSync(path.dirname(textFile), { recursive: true, force: true });
if (run.status !== 0) {
  console.error(run.stderr);
  process.exit(2);
}
const [reads, matches] = run.stdout.trim().split(" ");
console.log(
  reads === "over-limit"
    ? `more than 1,000,000 reads on ${opts.text.length} characters (Apex: Regex too complicated); ${matches} matches before`
    : `${Number(reads).toLocaleString("en-US")} reads on ${opts.text.length} characters (${((100 * reads) / 1e6).toFixed(1)}% of Apex's 1,000,000), ${matches} matches`
);
