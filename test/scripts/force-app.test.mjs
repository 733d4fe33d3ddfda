// force-app converts cleanly to Metadata API format, as every deploy and package version does first:
// no unknown metadata types, no stray files that a deploy would silently drop or wrongly include.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { ComponentSet, MetadataConverter } from "@salesforce/source-deploy-retrieve";
import { repoRoot, tempDir } from "./helpers.mjs";

const FORCE_APP = path.join(repoRoot, "force-app");
const REQUIRED_TYPES = [
  "ApexClass",
  "CustomObject",
  "CustomMetadata",
  "PermissionSet",
  "LightningComponentBundle",
  "FlexiPage",
  "CustomTab",
  "CustomApplication"
];
/** Files that belong to local tooling (LWC Jest, editors), never in an org. */
const TOOLING_FILE =
  /(^|\/)(__tests__|__mocks__)\/|(^|\/)(jsconfig\.json|\.eslintrc(\.\w+)?|\.DS_Store)$|\.test\.js$/;

function allFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? allFiles(full) : [full];
  });
}

/** Every file the components are made of (content, -meta.xml, decomposed children). */
function componentFiles(components) {
  const files = new Set();
  const add = (component) => {
    if (component.xml) files.add(component.xml);
    if (component.content) for (const file of component.walkContent()) files.add(file);
    for (const child of component.getChildren()) add(child);
  };
  components.forEach(add);
  return files;
}

describe("force-app → Metadata API format", () => {
  // One resolution of force-app for every test here: the conversion below reads the same set.
  const componentSet = ComponentSet.fromSource(FORCE_APP);
  const components = [...componentSet.getSourceComponents()];
  const relative = (file) => path.relative(repoRoot, file);

  it("resolves every file to a known metadata type (none left over)", () => {
    const used = componentFiles(components);
    const leftOver = allFiles(FORCE_APP)
      .filter((file) => !used.has(file) && !TOOLING_FILE.test(relative(file)))
      .map(relative);

    assert.deepEqual(leftOver, [], "files no metadata type claims: a deploy would silently drop them");
  });

  it("includes no local tooling files (LWC Jest tests, jsconfig) in what gets deployed", () => {
    const tooling = [...componentFiles(components)].map(relative).filter((file) => TOOLING_FILE.test(file));

    assert.deepEqual(tooling, [], "list them in .forceignore");
  });

  it("has every kind of metadata the package is made of", () => {
    const types = new Set(components.map((component) => component.type.name));
    const missing = REQUIRED_TYPES.filter((type) => !types.has(type));

    assert.deepEqual(missing, [], `types present: ${[...types].sort().join(", ")}`);
  });

  it("converts to Metadata API format with a package.xml", async () => {
    const outputDirectory = tempDir("mdapi");
    const result = await new MetadataConverter().convert(componentSet, "metadata", {
      type: "directory",
      outputDirectory
    });

    assert.ok(result.converted.length > 0, "converted components");
    assert.ok(readdirSync(result.packagePath).includes("package.xml"), "package.xml written");
  });
});
