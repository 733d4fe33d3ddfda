// Formatting check: prettier (Apex + XML plugins, the repository's .prettierrc) over every file it can
// format. The native Apex parser makes this a real Apex syntax check too. Reports the first line
// that differs from prettier's output, or the syntax error's line.
// Usage: node scripts/check/format.mjs [--root <project dir>]
import fs from "node:fs";
import path from "node:path";
import * as prettier from "prettier";
import { mapConcurrently, parseRootArg, repoRoot, report, walk } from "./project.mjs";

const startedAt = Date.now();
const { root } = parseRootArg();

// The project's own ignore files decide what is formatted; a fixture without them is checked whole.
// Prettier's own matcher (what getFileInfo builds from these files, node_modules included), built once:
// getFileInfo reads and compiles the ignore files again for every file, about 3 s of CPU over the repository.
const ignorePath = [".gitignore", ".prettierignore"]
  .map((f) => path.join(root, f))
  .filter((f) => fs.existsSync(f));
const isIgnored = await prettier.__internal.createIsIgnoredFunction(ignorePath, false);
// Fixtures have no .prettierrc of their own: they are formatted by the repository's rules.
const fallbackConfig = path.join(repoRoot, ".prettierrc");

function firstDifferentLine(a, b) {
  const x = a.split("\n");
  const y = b.split("\n");
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return i + 1;
  return 1;
}

async function checkFile(file) {
  if (isIgnored(file)) return null;
  // The config is resolved once per file, here: getFileInfo resolving it again cost about 1.5 s of the step.
  const options = (await prettier.resolveConfig(file)) ?? (await prettier.resolveConfig(fallbackConfig));
  // The config's plugins tell getFileInfo the parsers they add (apex, xml); the ignore files are applied above.
  const info = await prettier.getFileInfo(file, {
    plugins: options.plugins,
    resolveConfig: false,
    withNodeModules: true
  });
  if (!(options.parser ?? info.inferredParser)) return null;
  const source = fs.readFileSync(file, "utf8");
  try {
    const formatted = await prettier.format(source, { ...options, filepath: file });
    if (formatted === source) return null;
    return {
      file,
      line: firstDifferentLine(source, formatted),
      message: "not formatted (run: npx prettier --write)"
    };
  } catch (error) {
    const line = error.loc?.start?.line ?? 1;
    return { file, line, message: `syntax error: ${String(error.message).split("\n")[0]}` };
  }
}

// Files are independent; a small pool keeps the native Apex parser busy without flooding 2 cores.
const findings = (await mapConcurrently(walk(root), 4, checkFile)).filter(Boolean);
findings.sort((a, b) => a.file.localeCompare(b.file));
report("format", root, findings, startedAt);
