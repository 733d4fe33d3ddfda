// Code Analyzer check: the PMD rules Salesforce's Code Analyzer runs for the Recommended, Security and
// AppExchange (security review) selections, through the analyzer's own core library (the sf plugin
// cannot be installed offline). Fails on any violation of severity 3 (Moderate) or worse, and on an exception to a
// rule anywhere but code-analyzer.yml or without its reason there.
// Usage: node scripts/check/code-analyzer.mjs [--root <project dir>]
import fs from "node:fs";
import path from "node:path";
import { CodeAnalyzer, CodeAnalyzerConfig, EventType, LogLevel } from "@salesforce/code-analyzer-core";
import { createEnginePlugin } from "@salesforce/code-analyzer-pmd-engine";
import YAML from "yaml";
import { fail, parseRootArg, readProject, report, walk } from "./project.mjs";

const SELECTORS = ["pmd:Recommended", "pmd:Security", "pmd:AppExchange"];
/** Severity 1 Critical … 5 Info: fail on Moderate (3) or worse. */
const FAIL_AT_SEVERITY = 3;

const startedAt = Date.now();
const { root } = parseRootArg();
const configFile = path.join(root, "code-analyzer.yml");

/** Every rule the config disables says why in a comment on or above its entry; every suppression has a reason. */
function unexplainedExceptions(yamlText) {
  const findings = [];
  const flag = (line, message) => findings.push({ file: configFile, line, message });
  for (const engine of YAML.parseDocument(yamlText).get("rules")?.items ?? []) {
    for (const rule of engine.value?.items ?? []) {
      if (rule.value?.get?.("disabled") !== true) continue;
      const comments = [rule.key?.commentBefore, rule.value?.commentBefore, rule.value?.comment]
        .concat((rule.value?.items ?? []).flatMap((p) => [p.key?.commentBefore, p.value?.comment]))
        .filter(Boolean)
        .join(" ");
      const [line, name] = [yamlText.slice(0, rule.key.range[0]).split("\n").length, rule.key.value];
      if (comments.trim().split(/\s+/).length < 3)
        flag(line, `rule ${engine.key.value}:${name} is disabled without a reason comment next to it`);
    }
  }
  const suppressions = Object.entries(YAML.parse(yamlText)?.suppressions ?? {});
  for (const [file, rules] of suppressions.filter(([key]) => key !== "disable_suppressions")) {
    for (const rule of (rules ?? []).filter((r) => !String(r.reason ?? "").trim()))
      flag(1, `suppression without a reason: ${file} ${rule.rule_selector}`);
  }
  return findings;
}

const hasConfig = fs.existsSync(configFile);
const findings = hasConfig ? unexplainedExceptions(fs.readFileSync(configFile, "utf8")) : [];
const config = hasConfig ? CodeAnalyzerConfig.fromFile(configFile) : CodeAnalyzerConfig.withDefaults();

// Exceptions live in code-analyzer.yml only: markers in source would let a rule be silenced unseen.
const { packageDirs } = readProject(root);
const SILENCERS = /code-analyzer-suppress|\bNOPMD\b|@SuppressWarnings\s*\(\s*'PMD/i;
const sources = packageDirs.flatMap((d) => walk(d)).filter((f) => /\.(cls|trigger|xml|js|html)$/.test(f));
const SILENCED = "rule suppressed in source; disable or suppress it in code-analyzer.yml with a reason";
for (const file of sources) {
  for (const [i, line] of fs.readFileSync(file, "utf8").split("\n").entries())
    if (SILENCERS.test(line)) findings.push({ file, line: i + 1, message: SILENCED });
}

// The PMD engine starts its own JVM; for one short run the C1 compiler and serial GC halve its CPU time.
process.env.JAVA_TOOL_OPTIONS = [process.env.JAVA_TOOL_OPTIONS, "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"]
  .filter(Boolean)
  .join(" ");
const analyzer = new CodeAnalyzer(config);
const engineErrors = [];
// After an engine error the analyzer keeps that run's working folder in the system temp folder, for debugging.
const keptFolders = new Set();
analyzer.onEvent(EventType.LogEvent, (event) => {
  if (event.logLevel === LogLevel.Error) engineErrors.push(event.message);
  const kept = /will not be removed: (.*?(?:^|[\\/])code-analyzer-[^\\/]+)/.exec(event.message);
  if (kept) keptFolders.add(kept[1]);
});
// An engine's own errors come as EngineLogEvent, not LogEvent. The one that matters: PMD could not parse a file,
// so none of its rules ran on it and the run still "passes" (PMD's JavaScript parser, Rhino, cannot read a
// `catch` without a binding). Such a file is a finding; any other engine error fails the step.
const PROCESSING_ERROR = /^PMD issued a processing error for file '(.+?)':\s*(.*)/s;
analyzer.onEvent(EventType.EngineLogEvent, (event) => {
  if (event.logLevel !== LogLevel.Error) return;
  const processing = PROCESSING_ERROR.exec(event.message);
  if (!processing) return engineErrors.push(event.message);
  const message = `PMD cannot parse this file, so no rule ran on it: ${processing[2].trim().split("\n")[0]}`;
  findings.push({ file: processing[1], line: 1, message });
});
await analyzer.addEnginePlugin(createEnginePlugin());
// Only the package's source: fixtures and tooling are not shipped and not reviewed.
// sfdx-project.json anchors the workspace root at the project, so suppression paths in the config
// are relative to it as they are for the sf plugin, without walking node_modules.
const workspace = await analyzer.createWorkspace(
  [path.join(root, "sfdx-project.json"), ...packageDirs],
  packageDirs
);
const selection = await analyzer.selectRules(SELECTORS, { workspace });
if (selection.getCount() === 0) fail(`no rules selected for ${SELECTORS.join(", ")}`);
const results = await analyzer.run(selection, { workspace });
if (engineErrors.length) fail(`code analyzer engine error:\n${engineErrors.join("\n")}`);
// A file PMD could not parse is a finding above, and the kept folder has nothing more to say about it (the gate's
// planted unparsable file would otherwise leave one folder per run).
for (const folder of keptFolders) fs.rmSync(folder, { recursive: true, force: true });

let below = 0;
for (const v of results.getViolations()) {
  const [rule, at] = [v.getRule(), v.getPrimaryLocation()];
  const severity = rule.getSeverityLevel();
  const message = `${rule.getEngineName()}:${rule.getName()} (severity ${severity}) ${v.getMessage()}`;
  if (severity > FAIL_AT_SEVERITY) below++;
  else findings.push({ file: at.getFile() ?? configFile, line: at.getStartLine(), message });
}
findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
if (below)
  console.log(`code-analyzer: ${below} violation(s) below severity ${FAIL_AT_SEVERITY} (not failing)`);
report(`code-analyzer (${selection.getCount()} rules)`, root, findings, startedAt);
