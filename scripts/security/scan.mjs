// `npm run security:scan`: the Code Analyzer report the AppExchange security review asks for, written to
// reports/security/ (CodeAnalyzerReport.html for the submission, .json and .sarif beside it). The ISVforce Guide
// ("Scan Your Managed Package with Salesforce Code Analyzer") asks for
//   sf code-analyzer run --rule-selector AppExchange --rule-selector Recommended:Security --output-file CodeAnalyzerReport.html
// The sf plugin cannot be installed offline here, so this runs the same selections through the analyzer's core
// library with every engine that runs offline: pmd (and cpd), regex, retire-js and eslint. Like the reviewer, it
// uses the analyzer's defaults, not our code-analyzer.yml: no suppression and no project rule applies.
//   --graph-engine  also runs Salesforce Graph Engine's Security rules (ApexFlsViolation,
//                   DatabaseOperationsMustUseWithSharing): tagged DevPreview, not in the selections above, about
//                   two minutes of CPU on two cores; reported in reports/security/GraphEngineReport.html.
//   --engines a,b   only these of the offline engines (pmd, regex, retirejs, eslint), for the script's own tests.
//   --check         exits 1 when a finding of the required selections has no row in the Code Analyzer table of
//                   docs/security/false-positives.md (engine:rule and file), so CI keeps the document complete.
// The flow engine is not run: the registry holds only a version built for an older engine API (it fails inside
// the core), and the package ships no Flows. docs/security/README.md says which engine ran and why.
import fs from "node:fs";
import path from "node:path";
import {
  CodeAnalyzer,
  CodeAnalyzerConfig,
  EventType,
  LogLevel,
  OutputFormat,
  RunResultsFormatter
} from "@salesforce/code-analyzer-core";
import { parseRootArg, readProject } from "../check/project.mjs";

export const REQUIRED_SELECTORS = ["AppExchange", "Recommended:Security"];
const GRAPH_ENGINE_SELECTORS = ["sfge:Security"];
const OFFLINE_ENGINES = [
  "@salesforce/code-analyzer-pmd-engine",
  "@salesforce/code-analyzer-regex-engine",
  "@salesforce/code-analyzer-retirejs-engine",
  "@salesforce/code-analyzer-eslint-engine"
];
const FALSE_POSITIVE_DOC = "docs/security/false-positives.md";

const { root, args } = parseRootArg();
const graphEngine = args.includes("--graph-engine");
const check = args.includes("--check");
const enginesArg = args.indexOf("--engines");
const engines =
  enginesArg === -1
    ? OFFLINE_ENGINES
    : args[enginesArg + 1].split(",").map((name) => `@salesforce/code-analyzer-${name}-engine`);
for (const engine of engines) {
  if (!OFFLINE_ENGINES.includes(engine)) {
    console.error(`unknown engine ${engine}; choose among pmd, regex, retirejs, eslint`);
    process.exit(2);
  }
}
const outDir = path.join(root, "reports/security");

/** Runs one selection over the packaged source and writes its reports; returns the results. */
async function scan(engines, selectors, reportName) {
  const analyzer = new CodeAnalyzer(CodeAnalyzerConfig.withDefaults());
  const errors = [];
  // An engine's own errors (EngineLogEvent) include a file it could not parse and so did not scan: a failure too.
  for (const type of [EventType.LogEvent, EventType.EngineLogEvent]) {
    analyzer.onEvent(type, (event) => {
      if (event.logLevel === LogLevel.Error) errors.push(event.message);
    });
  }
  for (const engine of engines) {
    const { createEnginePlugin } = await import(engine);
    await analyzer.addEnginePlugin(createEnginePlugin());
  }
  // Only what is shipped: the package directories that build the package (not companion/, tests of the gate, tools).
  const { packagedDirs } = readProject(root);
  const workspace = await analyzer.createWorkspace([path.join(root, "sfdx-project.json"), ...packagedDirs]);
  const selection = await analyzer.selectRules(selectors, { workspace });
  const results = await analyzer.run(selection, { workspace });
  if (errors.length) throw new Error(`code analyzer engine error:\n${errors.join("\n")}`);
  fs.mkdirSync(outDir, { recursive: true });
  for (const [format, extension] of [
    [OutputFormat.HTML, "html"],
    [OutputFormat.JSON, "json"],
    [OutputFormat.SARIF, "sarif"]
  ]) {
    fs.writeFileSync(
      path.join(outDir, `${reportName}.${extension}`),
      RunResultsFormatter.forFormat(format).format(results)
    );
  }
  const engineCounts = selection
    .getEngineNames()
    .map((name) => `${name} ${selection.getRulesFor(name).length} rules`)
    .join(", ");
  console.log(
    `${reportName}: ${selectors.join(" + ")}: ${engineCounts}; ${results.getViolationCount()} finding(s)`
  );
  return results;
}

/** Findings without a row "| `engine:rule` | `file` | why |" in the false-positive document. */
function undocumented(results) {
  const docFile = path.join(root, FALSE_POSITIVE_DOC);
  const text = fs.existsSync(docFile) ? fs.readFileSync(docFile, "utf8") : "";
  const rows = new Set(
    [...text.matchAll(/^\|\s*`([\w-]+:[\w@/.-]+)`\s*\|\s*`([^`]+)`\s*\|/gm)].map((m) => `${m[1]} ${m[2]}`)
  );
  return results.getViolations().filter((violation) => {
    const rule = violation.getRule();
    const file = path
      .relative(root, violation.getPrimaryLocation().getFile() ?? "")
      .split(path.sep)
      .join("/");
    return !rows.has(`${rule.getEngineName()}:${rule.getName()} ${file}`);
  });
}

const startedAt = Date.now();
const required = await scan(engines, REQUIRED_SELECTORS, "CodeAnalyzerReport");
if (graphEngine) {
  await scan(["@salesforce/code-analyzer-sfge-engine"], GRAPH_ENGINE_SELECTORS, "GraphEngineReport");
}
console.log(
  `reports in ${path.relative(process.cwd(), outDir) || "."} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`
);
if (check) {
  const missing = undocumented(required);
  for (const violation of missing) {
    const at = violation.getPrimaryLocation();
    console.error(
      `${path.relative(process.cwd(), at.getFile() ?? root)}:${at.getStartLine() ?? 1}: ` +
        `${violation.getRule().getEngineName()}:${violation.getRule().getName()} ${violation.getMessage()} ` +
        `(fix it, or justify it in ${FALSE_POSITIVE_DOC}, Code Analyzer findings)`
    );
  }
  if (missing.length) {
    console.error(`security:scan: ${missing.length} finding(s) neither fixed nor in ${FALSE_POSITIVE_DOC}`);
    process.exitCode = 1;
  } else {
    console.log(`security:scan: every finding is in ${FALSE_POSITIVE_DOC}`);
  }
}
