// The project's own Apex rules (step `apex-rules` of npm test): defects a real org rejects or a build org fails on
// that neither apex-ls nor PMD can see, because they need types, a call graph or other files. Every rule, its module
// and what it catches: docs/quality-gate.md, "Apex rules". Each rule's check returns its findings as
// { file, line, rule, message }; a finding is fixed, never accepted (no baseline, as for every other step).
// Usage: node scripts/check/apex-rules.mjs [--root <project dir>]
import { readApexModel } from "./apex-model.mjs";
import { fail, parseRootArg, readProject, report } from "./project.mjs";

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

findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
const tagged = findings.map((f) => ({ ...f, message: `[${f.rule}] ${f.message}` }));
report(`apex-rules (${files.length} Apex files)`, root, tagged, startedAt);
