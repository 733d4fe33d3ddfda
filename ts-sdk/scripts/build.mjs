// Builds the SDK in one type-checking compilation: ESM with declarations (dist/esm/src) plus the
// tests and benchmark (dist/esm/test, not published); then CJS (dist/cjs) from the same sources by a second,
// non-checking emit (each file on its own, as a transpiler does), with the same declarations; and the demo scenarios
// the CLI's `simulate` sends (dist/scenarios).
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// The repository's TypeScript 7, the native compiler (`typescript-native`; the workspace may hold an older copy pulled
// in by openapi-typescript): the same checker and the same JavaScript as TypeScript 6's for under a third of the CPU
// (8.4 → 2.6 CPU-s for this build: docs/quality-gate.md, Timings). One thread: `npm test` runs other steps on the
// other core.
const requireFromRoot = createRequire(path.join(sdk, "../package.json"));
const tsc = path.join(path.dirname(requireFromRoot.resolve("typescript-native/package.json")), "bin/tsc");
const dist = path.join(sdk, "dist");
const runTsc = (args) => {
  try {
    execFileSync(process.execPath, [tsc, ...args, "--singleThreaded"], { cwd: sdk, stdio: "inherit" });
  } catch {
    process.exit(1);
  }
};

rmSync(dist, { recursive: true, force: true });
runTsc(["-p", "tsconfig.json"]);

// The CJS copy: tsconfig.json's options with CommonJS modules, no type check (the run above did it) and no resolution
// of imports, so each file is emitted from its own text as a transpiler does. The same bytes TypeScript 6's
// transpileModule wrote, for about a tenth of its CPU (most of that was TypeScript's JavaScript compiler warming up).
const cjsConfig = path.join(dist, "tsconfig.cjs.json");
writeFileSync(
  cjsConfig,
  JSON.stringify({
    extends: "../tsconfig.json",
    compilerOptions: {
      module: "commonjs",
      moduleResolution: "bundler",
      noCheck: true,
      noResolve: true,
      isolatedModules: true,
      declaration: false,
      sourceMap: false,
      rootDir: "../src",
      outDir: "cjs"
    },
    include: ["../src"]
  })
);
runTsc(["-p", cjsConfig]);
rmSync(cjsConfig);
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]
  );
for (const file of walk(path.join(sdk, "src")).filter((name) => name.endsWith(".ts"))) {
  const relative = path.relative(path.join(sdk, "src"), file).replace(/\.ts$/, ".d.ts");
  cpSync(path.join(dist, "esm/src", relative), path.join(dist, "cjs", relative));
}
writeFileSync(path.join(dist, "cjs/package.json"), '{ "type": "commonjs" }\n');
chmodSync(path.join(dist, "cjs/cli/main.js"), 0o755);
chmodSync(path.join(dist, "esm/src/cli/main.js"), 0o755);

const scenarios = path.resolve(sdk, "../scripts/demo-calls");
mkdirSync(path.join(dist, "scenarios"), { recursive: true });
for (const file of readdirSync(scenarios).filter((name) => name.endsWith(".json"))) {
  cpSync(path.join(scenarios, file), path.join(dist, "scenarios", file));
}
