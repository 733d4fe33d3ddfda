// The package as people install it: `npm pack` of ts-sdk, installed offline into an empty folder, runs
// `npx callcap --help` and loads through ESM import and CJS require (ts-sdk/README.md, "Install").
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

describe("the npm package", () => {
  const work = mkdtempSync(path.join(tmpdir(), "callcap-pack-"));
  after(() => rmSync(work, { recursive: true, force: true }));

  it("packs, installs in an empty folder, and runs npx callcap --help plus an ESM and a CJS import", () => {
    // The build already ran (npm test builds first), so the pack skips prepack's second build.
    execFileSync(npm, ["pack", "--silent", "--ignore-scripts", "--pack-destination", work], { cwd: sdk });
    const tarball = readdirSync(work).find((name) => name.endsWith(".tgz"));
    assert.ok(tarball, "npm pack wrote a tarball");
    const app = path.join(work, "app");
    mkdirSync(app);
    writeFileSync(path.join(app, "package.json"), '{ "name": "app", "private": true }\n');
    execFileSync(npm, ["install", "--offline", "--no-audit", "--no-fund", path.join(work, tarball!)], {
      cwd: app,
      stdio: "pipe"
    });
    const help = execFileSync(npm, ["exec", "--offline", "--", "callcap", "--help"], { cwd: app }).toString();
    assert.match(help, /Usage: callcap <command>/);
    const esm = execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        'import { CallCaptureClient, MAX_REQUEST_BYTES } from "@callcapture/sdk"; console.log(typeof CallCaptureClient, MAX_REQUEST_BYTES);'
      ],
      { cwd: app }
    ).toString();
    assert.equal(esm.trim(), "function 750000");
    const cjs = execFileSync(
      process.execPath,
      [
        "-e",
        'const { fromVapi, DEFAULT_BATCH } = require("@callcapture/sdk"); console.log(typeof fromVapi, DEFAULT_BATCH.maxBytes);'
      ],
      { cwd: app }
    ).toString();
    assert.equal(cjs.trim(), "function 750000");
  });
});
