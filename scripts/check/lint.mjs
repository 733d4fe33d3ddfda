// Lint check: eslint with the repository's eslint.config.mjs over LWC, the TypeScript SDK, scripts and
// tests. Warnings are reported but only errors fail.
// Usage: node scripts/check/lint.mjs [--root <project dir>]
import path from "node:path";
import { ESLint } from "eslint";
import { parseRootArg, repoRoot, report } from "./project.mjs";

const startedAt = Date.now();
const { root } = parseRootArg();

// The repository's config, applied relative to the project being checked (so a fixture's
// force-app/**/lwc matches the same patterns as the real one).
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: path.join(repoRoot, "eslint.config.mjs"),
  errorOnUnmatchedPattern: false
});
const results = await eslint.lintFiles(["."]);

const findings = results.flatMap(({ filePath: file, messages }) =>
  messages
    .filter((m) => m.severity === 2 || m.fatal)
    .map((m) => ({ file, line: m.line, message: `${m.message} (${m.ruleId ?? "parse"})` }))
);
const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
if (warnings) console.log(`lint: ${warnings} warning(s) (not failing; run npx eslint . to see them)`);
report(`lint (${results.length} files)`, root, findings, startedAt);
