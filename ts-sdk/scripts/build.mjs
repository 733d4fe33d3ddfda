// Builds the SDK in one type-checking compilation: ESM with declarations (dist/esm/src) plus the
// tests and benchmark (dist/esm/test, not published); then CJS (dist/cjs) by transpiling the same
// sources without a second type check, with the same declarations; and the demo scenarios the CLI's
// `simulate` sends (dist/scenarios).
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// The repository's TypeScript (the workspace may hold an older copy pulled in by openapi-typescript): TypeScript 7,
// the native compiler (`typescript-native`), type-checks and emits; TypeScript 6's JavaScript API (`typescript`, which
// typescript-eslint also reads) transpiles the CJS copy. Same checker and the same JavaScript out, for about a ninth
// of the CPU (docs/quality-gate.md, Timings). One thread: `npm test` runs other steps on the other core.
const requireFromRoot = createRequire(path.join(sdk, "../package.json"));
const ts = requireFromRoot("typescript");
const dist = path.join(sdk, "dist");

rmSync(dist, { recursive: true, force: true });
try {
  const tsc = path.join(path.dirname(requireFromRoot.resolve("typescript-native/package.json")), "bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.json", "--singleThreaded"], {
    cwd: sdk,
    stdio: "inherit"
  });
} catch {
  process.exit(1);
}

const { options } = ts.convertCompilerOptionsFromJson(
  JSON.parse(readFileSync(path.join(sdk, "tsconfig.json"), "utf8")).compilerOptions,
  sdk
);
const cjsOptions = {
  ...options,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: undefined,
  sourceMap: false
};
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]
  );
for (const file of walk(path.join(sdk, "src")).filter((name) => name.endsWith(".ts"))) {
  const relative = path.relative(path.join(sdk, "src"), file);
  const target = path.join(dist, "cjs", relative.replace(/\.ts$/, ".js"));
  mkdirSync(path.dirname(target), { recursive: true });
  const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
    compilerOptions: cjsOptions,
    fileName: file
  });
  writeFileSync(target, outputText);
  const declaration = path.join(dist, "esm/src", relative.replace(/\.ts$/, ".d.ts"));
  cpSync(declaration, target.replace(/\.js$/, ".d.ts"));
}
writeFileSync(path.join(dist, "cjs/package.json"), '{ "type": "commonjs" }\n');
chmodSync(path.join(dist, "cjs/cli/main.js"), 0o755);
chmodSync(path.join(dist, "esm/src/cli/main.js"), 0o755);

const scenarios = path.resolve(sdk, "../scripts/demo-calls");
mkdirSync(path.join(dist, "scenarios"), { recursive: true });
for (const file of readdirSync(scenarios).filter((name) => name.endsWith(".json"))) {
  cpSync(path.join(scenarios, file), path.join(dist, "scenarios", file));
}
