// The project's own Apex rules (step `apex-rules` of npm test): defects a real org rejects or a build org fails on
// that neither apex-ls nor PMD can see, because they need types, a call graph or other files. Every rule, its module
// and what it catches, and the baseline of accepted findings (scripts/check/apex-rules-baseline.json):
// docs/quality-gate.md, "Apex rules". Each rule's check returns its findings as { file, line, rule, message }.
// Usage: node scripts/check/apex-rules.mjs [--root <project dir>]
import fs from "node:fs";
import path from "node:path";
import { readApexModel } from "./apex-model.mjs";
import { fail, parseRootArg, readProject, report, toPosix } from "./project.mjs";

const BASELINE_FILE = "scripts/check/apex-rules-baseline.json";
/** The rules' modules, in the order their findings are listed; each exports check({ model, root, packageDirs }). */
const RULE_MODULES = [
  "apex-fields",
  "apex-tests",
  "apex-docs",
  "engine-contracts",
  "intelligence-rules",
  "apex-org-values",
  "call-log-writes",
  "security-review",
  "privacy-inventory",
  "trigger-bypass",
  "self-contained",
  "folder-loops"
];

const startedAt = Date.now();
const { root } = parseRootArg();
const { namespace, packageDirs } = readProject(root);
const { files, parsed, model } = await readApexModel(packageDirs, namespace).catch((e) => fail(e.message));
const findings = parsed
  .filter((p) => p.error)
  .map((p) => ({ file: p.file, line: p.line ?? 1, rule: "parse", message: p.error }));
for (const name of RULE_MODULES)
  findings.push(...(await (await import(`./${name}.mjs`)).check({ model, root, packageDirs })));

// Baseline: accepted findings, matched by file (relative to the project) and rule.
const baselineFile = path.join(root, BASELINE_FILE);
const baseline = fs.existsSync(baselineFile) ? JSON.parse(fs.readFileSync(baselineFile, "utf8")) : [];
const entryOf = (f) => baseline.find((b) => b.file === toPosix(f.file, root) && b.rule === f.rule);
const used = new Set(findings.map(entryOf));
const open = findings.filter((f) => !entryOf(f));
const accepted = findings.length - open.length;
for (const entry of baseline.filter((b) => !String(b.reason ?? "").trim())) {
  const message = `baseline entry ${entry.file} ${entry.rule} has no reason`;
  open.push({ file: baselineFile, line: 1, message });
}
if (accepted)
  console.log(`apex-rules: ${accepted} finding(s) accepted by ${BASELINE_FILE} (being fixed elsewhere)`);
for (const entry of baseline.filter((b) => !used.has(b)))
  console.log(`apex-rules: baseline entry no longer needed, remove it: ${entry.file} ${entry.rule}`);
open.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
const tagged = open.map((f) => ({ ...f, message: f.rule ? `[${f.rule}] ${f.message}` : f.message }));
report(`apex-rules (${files.length} Apex files)`, root, tagged, startedAt);
