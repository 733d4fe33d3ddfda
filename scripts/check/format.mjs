// Formatting check: prettier (Apex, XML and oxc plugins, the repository's .prettierrc) over every file it can
// format. The native Apex parser makes this a real Apex syntax check too. Reports the first line
// that differs from prettier's output, or the syntax error's line.
// Usage: node scripts/check/format.mjs [--root <project dir>]
import fs from "node:fs";
import path from "node:path";
import * as prettier from "prettier";
import * as apexPlugin from "prettier-plugin-apex";
import { serializeApex } from "./apex-ast.mjs";
import { mapConcurrently, parseRootArg, repoRoot, report, walk } from "./project.mjs";

const startedAt = Date.now();
const { root } = parseRootArg();

// The project's own ignore files decide what is formatted; a fixture without them is checked whole.
// Prettier's own matcher (what getFileInfo builds from these files, node_modules included), built once:
// getFileInfo reads and compiles the ignore files again for every file, about 3 s of CPU over the repository.
const ignorePath = [".gitignore", ".prettierignore"].map((f) => path.join(root, f)).filter(fs.existsSync);
const isIgnored = await prettier.__internal.createIsIgnoredFunction(ignorePath, false);
// Fixtures have no .prettierrc of their own: they are formatted by the repository's rules.
const fallbackConfig = path.join(repoRoot, ".prettierrc");
const fileInfoOptions = { resolveConfig: false, withNodeModules: true };
const isApex = (file) => /\.(cls|trigger)$/.test(file);

/**
 * The Apex is parsed once: apex-ast.mjs's batch serializer (run for the Apex checks) keeps its JSON, and the plugin
 * gets it through its own "built-in" standalone parser protocol (a fetch POST to /api/ast, answered here without a
 * socket) instead of a shell and a serializer per file (about 3 s of CPU over the repository). Only the exact text the
 * plugin parses (the file without trailing whitespace) is served; any other text, and a file the serializer rejects,
 * goes to the plugin's native parser, so syntax errors are reported exactly as the plugin reports them.
 */
const serialized = new Map(); // text the plugin parses → the serializer's JSON of it
const builtIn = { apexStandaloneParser: "built-in", apexStandaloneHost: "apex-ast.invalid" }; // on its default port
const fetchOverNetwork = globalThis.fetch;
globalThis.fetch = async (url, init) =>
  new URL(url).hostname === builtIn.apexStandaloneHost
    ? new Response(serialized.get(JSON.parse(init.body).sourceCode))
    : fetchOverNetwork(url, init);
const { apex } = apexPlugin.parsers;
const parse = (text, options) =>
  apex.parse(text, serialized.has(text) ? { ...options, ...builtIn } : options);
const servedApex = { ...apexPlugin, parsers: { ...apexPlugin.parsers, apex: { ...apex, parse } } };

/** Starts the serializer over the Apex files (or reads them from the cache); resolves when their JSON is in `serialized`. */
async function serializeAll(files) {
  const apexFiles = files.filter(isApex);
  if (!apexFiles.length) return;
  const results = await serializeApex(apexFiles).catch((error) => {
    // no native serializer for this platform: the plugin parses (with its Java fallback); any other failure is one
    if (!error.message.startsWith("missing: the native Apex parser")) throw error;
    console.warn(`format: ${error.message}; the Apex plugin parses each file itself`);
    return [];
  });
  for (const { file, json } of results) {
    const source = fs.readFileSync(file, "utf8");
    // the plugin parses the text trimmed: the JSON is that text's when only trailing whitespace was cut
    if (json && source.trimStart() === source) serialized.set(source.trimEnd(), json);
  }
}

/** The parsers a plugin the config names provides (prettier loads the plugin itself, by that name; import caches it). */
async function parsersOf(pluginName) {
  const plugin = await import(pluginName).catch(() => ({})); // one it cannot load keeps every plugin
  return Object.keys((plugin.default ?? plugin).parsers ?? {});
}

function firstDifferentLine(a, b) {
  const [x, y] = [a.split("\n"), b.split("\n")];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return i + 1;
  return 1;
}

async function checkFile(file) {
  // The config is resolved once per file, here: getFileInfo resolving it again cost about 1.5 s of the step.
  const options = (await prettier.resolveConfig(file)) ?? (await prettier.resolveConfig(fallbackConfig));
  // The config's plugins tell getFileInfo the parsers they add (apex, xml); the ignore files are applied above.
  const info = await prettier.getFileInfo(file, { ...fileInfoOptions, plugins: options.plugins });
  const parser = options.parser ?? info.inferredParser;
  if (!parser) return null;
  const source = fs.readFileSync(file, "utf8");
  if (isApex(file)) await apexSerialized;
  // Prettier normalizes every given plugin's options again per file (XML: 1.7 ms with all three, 0.9 with its own):
  // a file gets its parser's plugin alone, and prettier's own languages all (Markdown and HTML embed any language).
  const own = [];
  for (const name of options.plugins ?? []) if ((await parsersOf(name)).includes(parser)) own.push(name);
  const plugins = (own.length ? own : options.plugins)?.map((name) =>
    name === "prettier-plugin-apex" ? servedApex : name
  );
  try {
    const formatted = await prettier.format(source, { ...options, plugins, filepath: file });
    const message = "not formatted (run: npx prettier --write)";
    return formatted === source ? null : { file, line: firstDifferentLine(source, formatted), message };
  } catch (error) {
    const line = error.loc?.start?.line ?? 1;
    return { file, line, message: `syntax error: ${String(error.message).split("\n")[0]}` };
  }
}

// Files are independent; four at a time (one at a time measured no cheaper).
const files = walk(root).filter((file) => !isIgnored(file));
const apexSerialized = serializeAll(files);
// the Apex last: the other files are formatted while the serializer runs
const order = [...files.filter((f) => !isApex(f)), ...files.filter(isApex)];
const findings = (await mapConcurrently(order, 4, checkFile)).filter(Boolean);
findings.sort((a, b) => a.file.localeCompare(b.file));
report("format", root, findings, startedAt);
