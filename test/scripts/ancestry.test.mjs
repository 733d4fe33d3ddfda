// Packaging that survives the second release: package:version lists the released versions and makes
// sfdx-project.json name the ancestor every later version needs (HIGHEST), none before the first release;
// package:promote adds it as soon as a version is released. Runs on a copy of sfdx-project.json.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { repoRoot, runScript, tempDir } from "./helpers.mjs";

/** A copy of the real sfdx-project.json with the package created, its directory changed by `change`. */
function projectCopy(change = () => {}) {
  const project = JSON.parse(readFileSync(path.join(repoRoot, "sfdx-project.json"), "utf8"));
  project.packageAliases = {
    "Call Capture": "0Ho000000000001AAA",
    "Call Capture@1.0.0-1": "04t000000000001AAA"
  };
  change(project.packageDirectories.find((d) => d.package === "Call Capture"));
  const file = path.join(tempDir("project"), "sfdx-project.json");
  writeFileSync(file, `${JSON.stringify(project, null, 2)}\n`);
  return file;
}

const packageDirectory = (file) =>
  JSON.parse(readFileSync(file, "utf8")).packageDirectories.find((d) => d.package === "Call Capture");

const run = (name, args, file, released) =>
  runScript(name, args, {
    state: "logged-in",
    env: { CALLCAP_SFDX_PROJECT: file, FAKE_SF_RELEASED: String(released) }
  });

describe("package ancestors", { concurrency: true }, () => {
  it("package:version after a release adds ancestorVersion HIGHEST before creating the version", async () => {
    const file = projectCopy();
    const result = await run("package:version", [], file, 2);

    assert.equal(result.code, 0, result.output);
    const commands = result.sfCalls.map((call) => call.slice(0, 3).join(" "));
    assert.deepEqual(commands, ["org list --json", "package version list", "package version create"]);
    assert.deepEqual(result.sfCalls[1], [
      "package",
      "version",
      "list",
      "--packages",
      "Call Capture",
      "--released",
      "--json"
    ]);
    assert.equal(packageDirectory(file).ancestorVersion, "HIGHEST");
    assert.match(result.stdout, /2 released version\(s\) in the Dev Hub/);
    assert.match(result.stdout, /now has "ancestorVersion": "HIGHEST" .*commit it/);
    assert.match(result.stdout, /Call Capture@1\.0\.0-1: 04t000000000001AAA/);
    for (const host of ["login", "test"]) {
      assert.ok(
        result.stdout.includes(
          `https://${host}.salesforce.com/packaging/installPackage.apexp?p0=04t000000000001AAA`
        ),
        `package:version prints the ${host}.salesforce.com install link`
      );
    }
  });

  it("package:version keeps an ancestor someone chose (a branch from an older release)", async () => {
    const file = projectCopy((directory) => (directory.ancestorVersion = "1.0.0"));
    const result = await run("package:version", [], file, 2);

    assert.equal(result.code, 0, result.output);
    assert.equal(packageDirectory(file).ancestorVersion, "1.0.0");
    assert.match(result.stdout, /ancestor ancestorVersion: 1\.0\.0 \(sfdx-project\.json, unchanged\)/);
  });

  it("package:version before the first release drops HIGHEST, which sf cannot resolve yet", async () => {
    const file = projectCopy((directory) => (directory.ancestorVersion = "HIGHEST"));
    const result = await run("package:version", [], file, 0);

    assert.equal(result.code, 0, result.output);
    assert.equal(packageDirectory(file).ancestorVersion, undefined);
    assert.match(result.stdout, /no released version yet: dropped "ancestorVersion: HIGHEST"/);
  });

  it("package:version before the first release with no ancestor changes nothing", async () => {
    const file = projectCopy();
    const before = readFileSync(file, "utf8");
    const result = await run("package:version", [], file, 0);

    assert.equal(result.code, 0, result.output);
    assert.equal(readFileSync(file, "utf8"), before);
    assert.match(result.stdout, /no released version yet, so no ancestor/);
  });

  it("package:promote names HIGHEST as the ancestor of the next versions", async () => {
    const file = projectCopy();
    const result = await run("package:promote", ["--package", "04t000000000001AAA"], file, 1);

    assert.equal(result.code, 0, result.output);
    assert.equal(packageDirectory(file).ancestorVersion, "HIGHEST");
    assert.match(result.stdout, /^3\. Name the ancestor of the next versions$/m);
    assert.match(
      result.stdout,
      /^4\. Show the install links\n {3}Production and Developer Edition: https:\/\/login\.salesforce\.com\/packaging\/installPackage\.apexp\?p0=04t000000000001AAA\n {3}Sandbox: https:\/\/test\.salesforce\.com\/packaging\/installPackage\.apexp\?p0=04t000000000001AAA$/m
    );
  });
});
