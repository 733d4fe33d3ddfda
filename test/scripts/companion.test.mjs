// The companion metadata (companion/): it converts to Metadata API format, names only standard objects (so it
// deploys in any org, with the package installed or deployed from source), grants every standard-object,
// standard-field and user permission the packaged permission sets ask for (an install drops those) and every
// standard field the default field mappings write, and activates record pages that exist for their object.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { ComponentSet, MetadataConverter } from "@salesforce/source-deploy-retrieve";
import { XMLParser } from "fast-xml-parser";
import { compoundAddressOf, notPermissionableReason } from "../../scripts/check/field-permissionability.mjs";
import { repoRoot, tempDir } from "./helpers.mjs";

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) =>
    ["fieldPermissions", "objectPermissions", "userPermissions", "actionOverrides", "values"].includes(name)
});
/** A metadata file parsed once for all the tests here (they read the same permission sets some 50 times). */
const parsedFiles = new Map();
const read = (relativePath) => {
  if (!parsedFiles.has(relativePath)) {
    parsedFiles.set(relativePath, parser.parse(readFileSync(path.join(repoRoot, relativePath), "utf8")));
  }
  return parsedFiles.get(relativePath);
};
const permissionSet = (dir, name) =>
  read(`${dir}/permissionsets/${name}.permissionset-meta.xml`).PermissionSet;
const packaged = (name) => permissionSet("force-app/main/security", name);
const companion = (name) => permissionSet("companion/permissions", name);

const isStandardObject = (name) => !name.includes("__");
const isStandardField = (field) => isStandardObject(field.split(".")[0]) && !field.endsWith("__c");
/** Fields that can carry no field permission (required or name parts): Salesforce always grants them. */
const ALWAYS_ACCESSIBLE = new Set([
  "Lead.Company",
  "Lead.FirstName",
  "Lead.LastName",
  "Contact.FirstName",
  "Contact.LastName"
]);

const fields = (set, editable) =>
  (set.fieldPermissions ?? []).filter((p) => !editable || p.editable === "true").map((p) => p.field);
const objectRights = (set) =>
  Object.fromEntries(
    (set.objectPermissions ?? []).map((p) => [
      p.object,
      ["allowRead", "allowCreate", "allowEdit", "allowDelete", "viewAllRecords", "modifyAllRecords"].filter(
        (right) => p[right] === "true"
      )
    ])
  );
const userPermissions = (set) =>
  (set.userPermissions ?? []).filter((p) => p.enabled === "true").map((p) => p.name);

const PAIRS = [
  ["Call_Capture_Admin", "Call_Capture_Admin_Standard"],
  ["Call_Capture_Integration", "Call_Capture_Integration_Standard"],
  ["Call_Capture_User", "Call_Capture_User_Standard"]
];

describe("companion/", () => {
  it("converts to Metadata API format: three permission sets and four objects, nothing else", async () => {
    const set = ComponentSet.fromSource(path.join(repoRoot, "companion"));
    const names = [...set.getSourceComponents()].map((c) => `${c.type.name}:${c.fullName}`).sort();

    assert.deepEqual(names, [
      "CustomObject:Account",
      "CustomObject:Contact",
      "CustomObject:Lead",
      "CustomObject:Opportunity",
      "PermissionSet:Call_Capture_Admin_Standard",
      "PermissionSet:Call_Capture_Integration_Standard",
      "PermissionSet:Call_Capture_User_Standard"
    ]);
    const result = await new MetadataConverter().convert(set, "metadata", {
      type: "directory",
      outputDirectory: tempDir("companion")
    });
    assert.ok(readdirSync(result.packagePath).includes("package.xml"));
  });

  for (const [packagedName, companionName] of PAIRS) {
    it(`${companionName} names only standard objects and fields, so it deploys beside any install`, () => {
      const set = companion(companionName);
      const custom = [
        ...Object.keys(objectRights(set)).filter((name) => !isStandardObject(name)),
        ...fields(set).filter((field) => !isStandardField(field))
      ];

      assert.deepEqual(custom, [], "package metadata belongs in the packaged permission set");
    });

    it(`${companionName} grants what the install drops from ${packagedName}`, () => {
      const ours = packaged(packagedName);
      const theirs = companion(companionName);
      const missingFields = fields(ours, true)
        .filter(isStandardField)
        .filter((field) => !fields(theirs, true).includes(field));
      const missingObjects = Object.entries(objectRights(ours))
        .filter(([object]) => isStandardObject(object))
        .flatMap(([object, rights]) =>
          rights
            .filter((right) => !(objectRights(theirs)[object] ?? []).includes(right))
            .map((r) => `${object}.${r}`)
        );
      const missingUser = userPermissions(ours).filter((name) => !userPermissions(theirs).includes(name));

      assert.deepEqual(missingFields, [], "standard fields the packaged set grants");
      assert.deepEqual(missingObjects, [], "standard-object rights the packaged set grants");
      assert.deepEqual(missingUser, [], "user permissions the packaged set grants");
    });
  }

  it("the packaged Call_Capture_Admin carries nothing an install drops: its companion holds all of it", () => {
    const admin = packaged("Call_Capture_Admin");
    assert.deepEqual(fields(admin).filter(isStandardField), [], "standard-field permissions");
    assert.deepEqual(Object.keys(objectRights(admin)).filter(isStandardObject), [], "standard objects");
    assert.deepEqual(userPermissions(admin), [], "user permissions");
  });

  it("the admin companion grants what the integration companion grants, but API access", () => {
    // Reprocess and Resolve match run the pipeline with the admin's own access (docs/permissions.md).
    const admin = companion("Call_Capture_Admin_Standard");
    const integration = companion("Call_Capture_Integration_Standard");
    assert.deepEqual(fields(admin, true).sort(), fields(integration, true).sort());
    assert.deepEqual(objectRights(admin), objectRights(integration));
    assert.deepEqual(
      userPermissions(admin).sort(),
      userPermissions(integration)
        .filter((name) => name !== "ApiEnabled")
        .sort()
    );
  });

  it("no companion grants a field that takes no field permission (call-center fields, address components)", () => {
    for (const [, name] of PAIRS) {
      const refused = fields(companion(name)).filter((field) => notPermissionableReason(field));
      assert.deepEqual(refused, [], `${name}: a deploy refuses these`);
    }
  });

  it("the integration companion can write every standard field the default field mappings target", () => {
    const granted = new Set(fields(companion("Call_Capture_Integration_Standard"), true));
    const dir = "force-app/main/config/customMetadata";
    const targets = readdirSync(path.join(repoRoot, dir))
      .filter((file) => file.startsWith("Field_Mapping."))
      .map((file) =>
        Object.fromEntries(read(`${dir}/${file}`).CustomMetadata.values.map((v) => [v.field, v.value]))
      )
      .map((values) => `${values.Target_Object__c}.${values.Target_Field__c}`)
      .filter(isStandardField);
    // an address component is granted through its compound field (Lead.City through Lead.Address)
    const viaCompound = (field) => {
      const [object, name] = field.split(".");
      const compound = compoundAddressOf(object, name);
      return compound !== null && granted.has(`${object}.${compound}`);
    };
    const missing = targets.filter(
      (field) => !granted.has(field) && !viaCompound(field) && !ALWAYS_ACCESSIBLE.has(field)
    );

    assert.ok(targets.length > 5, `found the mappings' targets: ${targets.join(", ")}`);
    assert.deepEqual(missing, [], "a mapping the integration user cannot write is a warning on every call");
  });

  it("docs/permissions.md lists what each companion grants, row for row", () => {
    const doc = readFileSync(path.join(repoRoot, "docs/permissions.md"), "utf8");
    const table = doc.slice(
      doc.indexOf("## What the companions grant"),
      doc.indexOf("## Fields that take no permission")
    );
    const rows = table
      .split("\n")
      .filter((line) => /^\| [A-Z][\w. ]+\((object|field|`\w+`)\)/.test(line))
      .map((line) => line.split("|").map((cell) => cell.trim()));
    const header = table.split("\n").find((line) => line.startsWith("| permission"));
    const columns = header
      .split("|")
      .map((cell) => cell.trim().replaceAll("`", ""))
      .slice(2, 5);
    const RIGHTS = { allowRead: "Read", allowCreate: "Create", allowEdit: "Edit" };
    for (const [index, name] of columns.entries()) {
      const set = companion(name);
      const documented = new Map(rows.map((cells) => [cells[1], cells[index + 2]]));
      const expected = new Map();
      for (const [object, rights] of Object.entries(objectRights(set))) {
        expected.set(`${object} (object)`, rights.map((right) => RIGHTS[right]).join(", "));
      }
      for (const permission of set.fieldPermissions ?? []) {
        expected.set(`${permission.field} (field)`, permission.editable === "true" ? "Read, Edit" : "Read");
      }
      for (const permission of userPermissions(set)) {
        const row = rows.find((cells) => cells[1].endsWith(`(\`${permission}\`)`));
        assert.ok(row, `${permission} is in the table`);
        expected.set(row[1], "✓");
      }
      const granted = [...documented].filter(([, value]) => value !== "–");
      assert.deepEqual(new Map(granted), expected, `${name}: the table and the metadata agree`);
    }
  });

  it("no companion permission set deletes or sees beyond sharing", () => {
    for (const [, name] of PAIRS) {
      for (const [object, rights] of Object.entries(objectRights(companion(name)))) {
        for (const right of ["allowDelete", "viewAllRecords", "modifyAllRecords"]) {
          assert.ok(!rights.includes(right), `${name} grants ${right} on ${object}`);
        }
      }
    }
  });

  it("each record page override activates the packaged Call Capture page of its own object", () => {
    for (const object of ["Account", "Contact", "Lead", "Opportunity"]) {
      const overrides = read(`companion/record-pages/objects/${object}/${object}.object-meta.xml`)
        .CustomObject.actionOverrides;
      assert.equal(overrides.length, 1, object);
      const [override] = overrides;
      assert.deepEqual(
        [override.actionName, override.type, override.formFactor],
        ["View", "Flexipage", "Large"],
        `${object}: a Lightning record page for desktop`
      );
      const page = read(`force-app/main/panel/flexipages/${override.content}.flexipage-meta.xml`).FlexiPage;
      assert.equal(page.sobjectType, object, `${override.content} is a ${object} page`);
      assert.equal(page.type, "RecordPage");
    }
  });

  it("the integration companion grants what health checks the integration user for (IntegrationAccessNeeds)", () => {
    // Health (IntegrationUserAccess) and the REST 403 read their needs from this one Apex list; a companion that
    // grants less would install an integration user that health then reports as lacking access.
    const source = readFileSync(
      path.join(repoRoot, "force-app/main/security/classes/IntegrationAccessNeeds.cls"),
      "utf8"
    );
    const written = source.slice(source.indexOf("writtenFields("), source.indexOf("userPermissions("));
    const needed = [...written.matchAll(/\b(Lead|Contact|Account|Opportunity|Task)\.(\w+)\b/g)]
      .map(([, object, field]) => `${object}.${field}`)
      // fields that take no field permission are editable by anyone who may edit the object
      .filter(
        (field) => isStandardField(field) && !ALWAYS_ACCESSIBLE.has(field) && !notPermissionableReason(field)
      );
    const granted = new Set(fields(companion("Call_Capture_Integration_Standard"), true));
    const missing = needed.filter((field) => !granted.has(field));
    assert.deepEqual(missing, [], "standard fields intake writes but the companion does not let it edit");

    const permissionNames = Object.fromEntries(
      [
        ...source.matchAll(
          /(API_ENABLED|CONVERT_LEADS|EDIT_TASKS|EMAIL_SINGLE|SEND_CUSTOM_NOTIFICATIONS) = 'Permissions(\w+)'/g
        )
      ].map(([, constant, name]) => [constant, name])
    );
    assert.equal(Object.keys(permissionNames).length, 5, "the five user permissions are read from the Apex");
    const userGranted = new Set(userPermissions(companion("Call_Capture_Integration_Standard")));
    for (const name of Object.values(permissionNames)) {
      assert.ok(userGranted.has(name), `the companion grants user permission ${name}`);
    }
  });
});
