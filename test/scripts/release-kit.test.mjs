// The admin kit (npm run release:kit): one command builds it with no org; its zip is the companion permission sets in
// Metadata API format and passes the same metadata checks as the repository (a planted unknown field in it does not);
// its permission table names every grant of the companion metadata; its checklist is docs/install.md's steps on one
// page; its README carries the install link, or says plainly that there is none yet.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import JSZip from "jszip";
import { ComponentSet, MetadataConverter } from "@salesforce/source-deploy-retrieve";
import { XMLParser } from "fast-xml-parser";
import {
  FIELD_LABELS,
  OBJECT_LABELS,
  USER_PERMISSION_LABELS,
  companionZip
} from "../../scripts/package/admin-kit.mjs";
import { repoRoot, runScript, tempDir } from "./helpers.mjs";

const release = (args, env = {}) => runScript("release:kit", args, { env });
const apiVersion = JSON.parse(
  readFileSync(path.join(repoRoot, "sfdx-project.json"), "utf8")
).sourceApiVersion;
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) =>
    ["fieldPermissions", "objectPermissions", "userPermissions", "types", "members"].includes(name)
});

/** Unzips a Metadata API zip, converts it back to source and runs the metadata check on it as a project. */
async function metadataCheckOfZip(zipBuffer) {
  const zip = await JSZip.loadAsync(zipBuffer);
  const mdapi = tempDir("kit-mdapi");
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    mkdirSync(path.dirname(path.join(mdapi, name)), { recursive: true });
    writeFileSync(path.join(mdapi, name), await entry.async("nodebuffer"));
  }
  const project = tempDir("kit-project");
  await new MetadataConverter().convert(ComponentSet.fromSource(mdapi), "source", {
    type: "directory",
    outputDirectory: path.join(project, "companion"),
    genUniqueDir: false
  });
  writeFileSync(
    path.join(project, "sfdx-project.json"),
    JSON.stringify({
      packageDirectories: [{ path: "companion", default: true }],
      sourceApiVersion: apiVersion
    })
  );
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, "scripts/check/metadata.mjs"), "--root", project],
      {
        cwd: project
      }
    );
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code, output }));
  });
}

const companionSets = () =>
  readdirSync(path.join(repoRoot, "companion/permissions/permissionsets")).map((file) => ({
    name: file.replace(".permissionset-meta.xml", ""),
    ...parser.parse(readFileSync(path.join(repoRoot, "companion/permissions/permissionsets", file), "utf8"))
      .PermissionSet
  }));

describe("npm run release:kit", { concurrency: true }, () => {
  const out = tempDir("kit");
  const built = release(["--out", out]);

  it("builds the zip, the checklist, the permission table and the README with no org", async () => {
    const run = await built;
    assert.equal(run.code, 0, run.output);
    assert.deepEqual(readdirSync(out).sort(), [
      "README.md",
      "call-capture-companion.zip",
      "checklist.md",
      "permission-sets.md"
    ]);
    assert.deepEqual(run.sfCalls, [], "no sf command");
  });

  it("the zip is the companion permission sets in Metadata API format, package.xml at its root", async () => {
    await built;
    const zip = await JSZip.loadAsync(readFileSync(path.join(out, "call-capture-companion.zip")));
    const files = Object.keys(zip.files).filter((name) => !zip.files[name].dir);
    const names = companionSets().map((set) => set.name);
    assert.deepEqual(
      files.sort(),
      ["package.xml", ...names.map((n) => `permissionsets/${n}.permissionset`)].sort()
    );
    const manifest = parser.parse(await zip.file("package.xml").async("string")).Package;
    assert.equal(manifest.version, apiVersion, "the API version of sfdx-project.json");
    assert.deepEqual(manifest.types, [{ members: names, name: "PermissionSet" }]);
  });

  it("the zip passes the metadata checks", async () => {
    await built;
    const result = await metadataCheckOfZip(readFileSync(path.join(out, "call-capture-companion.zip")));
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /metadata/);
  });

  it("the metadata checks of the zip fail on a planted field Salesforce does not have", async () => {
    const planted = tempDir("kit-planted");
    cpSync(path.join(repoRoot, "companion/permissions"), planted, { recursive: true });
    const file = path.join(
      planted,
      "permissionsets/Call_Capture_Integration_Standard.permissionset-meta.xml"
    );
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("<field>Lead.Rating</field>", "<field>Lead.Ratings</field>")
    );
    const result = await metadataCheckOfZip(await companionZip(planted, apiVersion));
    assert.equal(result.code, 1, result.output);
    assert.match(
      result.output,
      /Call_Capture_Integration_Standard\.permissionset-meta\.xml:\d+: .*Lead\.Ratings/
    );
  });

  it("the permission table names every grant of the companion metadata, under its permission set", async () => {
    await built;
    const table = readFileSync(path.join(out, "permission-sets.md"), "utf8");
    for (const set of companionSets()) {
      const start = table.indexOf(`(\`${set.name}\`)`);
      assert.ok(start > 0, `a section for ${set.name}`);
      const next = table.indexOf("\n## ", start);
      const section = table.slice(start, next === -1 ? undefined : next);
      for (const permission of set.fieldPermissions ?? []) {
        const [object, field] = permission.field.split(".");
        const row = section.split("\n").find((line) => line.includes(`→ ${OBJECT_LABELS[object]} →`));
        assert.ok(row?.includes(`\`${field}\``), `${set.name}: ${permission.field} in its object's row`);
      }
      for (const permission of set.userPermissions ?? []) {
        assert.match(section, /\| System Permissions \|/, `${set.name}: ${permission.name}`);
      }
      assert.equal(
        (section.match(/^\| Object Settings → /gm) ?? []).length,
        new Set([
          ...(set.objectPermissions ?? []).map((p) => p.object),
          ...(set.fieldPermissions ?? []).map((p) => p.field.split(".")[0])
        ]).size,
        `${set.name}: one row per object`
      );
    }
  });

  it("names every companion grant as Setup shows it, not by its API name alone", () => {
    for (const set of companionSets()) {
      for (const { field } of set.fieldPermissions ?? []) {
        assert.ok(FIELD_LABELS[field], `${set.name}: ${field} needs its Setup label in FIELD_LABELS`);
      }
      for (const { name } of set.userPermissions ?? []) {
        assert.ok(USER_PERMISSION_LABELS[name], `${set.name}: ${name} needs its Setup label`);
      }
      for (const { object } of set.objectPermissions ?? []) {
        assert.ok(OBJECT_LABELS[object], `${set.name}: ${object} needs its Setup label`);
      }
    }
  });

  it("the README lists the companion permission sets the zip holds", async () => {
    await built;
    const readme = readFileSync(path.join(out, "README.md"), "utf8");
    const sets = companionSets();
    assert.match(readme, new RegExp(`the ${sets.length} companion permission sets`));
    for (const set of sets) assert.ok(readme.includes(set.label), `${set.name}: its label in the README`);
  });

  it("the checklist is every step of docs/install.md, on one page", async () => {
    await built;
    const text = readFileSync(path.join(out, "checklist.md"), "utf8");
    const guide = readFileSync(path.join(repoRoot, "docs/install.md"), "utf8");
    const steps = guide.slice(0, guide.indexOf("## Log in with the sf CLI")).match(/^\d+\. /gm);
    assert.equal((text.match(/^- \[ \] \d+\. /gm) ?? []).length, steps.length, "every numbered step");
    assert.match(text, /^- \[ \] \*\*Edition\*\*/m, "the prerequisites");
    assert.doesNotMatch(text, /\]\(/, "no links into pages the kit does not have");
    // One printed page: the text without markdown, wrapped at 110 characters, in at most 70 lines.
    const plain = text.replace(/\*\*|`|_(?=\S)|(?<=\S)_/g, "");
    const lines = plain
      .split("\n")
      .reduce((count, line) => count + Math.max(1, Math.ceil(line.length / 110)), 0);
    assert.ok(lines <= 70, `${lines} lines of 110 characters`);
  });

  it("without a version, the README says plainly that there is no install link yet", async () => {
    await built;
    const readme = readFileSync(path.join(out, "README.md"), "utf8");
    assert.match(readme, /No version of Call Capture has been created yet, so there is no install link/);
    assert.doesNotMatch(readme, /installPackage\.apexp/);
  });

  it("with a version in sfdx-project.json, the README and the checklist carry its install links", async () => {
    const project = JSON.parse(readFileSync(path.join(repoRoot, "sfdx-project.json"), "utf8"));
    project.packageAliases = {
      "Call Capture": "0Ho000000000001AAA",
      "Call Capture@1.0.0-1": "04t000000000001AAA",
      "Call Capture@1.0.0-2": "04t000000000002AAA"
    };
    const file = path.join(tempDir("kit-project-json"), "sfdx-project.json");
    writeFileSync(file, JSON.stringify(project));
    const dir = tempDir("kit-versioned");
    const run = await release(["--out", dir], { CALLCAP_SFDX_PROJECT: file });

    assert.equal(run.code, 0, run.output);
    const readme = readFileSync(path.join(dir, "README.md"), "utf8");
    assert.match(readme, /Version Call Capture@1\.0\.0-2:/, "the newest version");
    assert.ok(
      readme.includes("https://login.salesforce.com/packaging/installPackage.apexp?p0=04t000000000002AAA")
    );
    assert.ok(
      readme.includes("https://test.salesforce.com/packaging/installPackage.apexp?p0=04t000000000002AAA")
    );
    assert.ok(
      readFileSync(path.join(dir, "checklist.md"), "utf8").includes(
        "Install link: https://login.salesforce.com/packaging/installPackage.apexp?p0=04t000000000002AAA"
      )
    );
  });

  it("--dry-run writes nothing", async () => {
    const dir = path.join(tempDir("kit-dry"), "kit");
    const run = await release(["--out", dir, "--dry-run"]);
    assert.equal(run.code, 0, run.output);
    assert.equal(existsSync(dir), false);
  });
});
