// The files setup feeds to the sf CLI: the scratch org definition (checked against Salesforce's
// published schema) and the demo settings (the packaged Default record with documented changes).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import Ajv from "ajv";
import { XMLParser } from "fast-xml-parser";
import { MATRIX_ORGS, matrixDefinitionsOnDisk } from "../../scripts/org/apex-matrix.mjs";
import { repoRoot } from "./helpers.mjs";

const read = (relativePath) => readFileSync(path.join(repoRoot, relativePath), "utf8");

/** field → value of a custom metadata record's XML. */
function recordValues(relativePath) {
  const parser = new XMLParser({
    ignoreAttributes: true,
    isArray: (name) => name === "values",
    parseTagValue: false
  });
  const record = parser.parse(read(relativePath)).CustomMetadata;
  return Object.fromEntries(record.values.map((entry) => [entry.field, String(entry.value)]));
}

/**
 * The scratch org definition schema compiled once for the tests that validate against it (compiling it is most of
 * their CPU). It ships with the sf CLI (@salesforce/schemas), the same one the CLI's own docs link to.
 */
let compiledScratchDefinitionSchema;
function scratchDefinitionValidator() {
  if (!compiledScratchDefinitionSchema) {
    const schema = JSON.parse(read("node_modules/@salesforce/schemas/project-scratch-def.schema.json"));
    delete schema.$schema;
    compiledScratchDefinitionSchema = new Ajv({ strict: false, allErrors: true }).compile(schema);
  }
  return compiledScratchDefinitionSchema;
}

describe("config/", () => {
  it("project-scratch-def.json is valid against the scratch org definition schema", () => {
    const validate = scratchDefinitionValidator();
    const definition = JSON.parse(read("config/project-scratch-def.json"));

    assert.ok(validate(definition), JSON.stringify(validate.errors, null, 2));
    assert.equal(definition.edition, "Developer");
    assert.equal(definition.settings.lightningExperienceSettings.enableS1DesktopEnabled, true);
  });

  it("the five matrix orgs are the definitions in config/matrix, each valid against the schema, shaped as named", () => {
    const validate = scratchDefinitionValidator();
    assert.deepEqual(
      matrixDefinitionsOnDisk(),
      MATRIX_ORGS.map((org) => `${org.name}.json`).sort(),
      "every definition is run, every org has one"
    );
    const definition = (name) => JSON.parse(read(`config/matrix/${name}.json`));
    for (const org of MATRIX_ORGS) {
      assert.ok(validate(definition(org.name)), `${org.name}: ${JSON.stringify(validate.errors, null, 2)}`);
    }
    assert.ok(definition("person-accounts").features.includes("PersonAccounts"));
    assert.ok(definition("state-country-picklists").features.includes("StateAndCountryPicklist"));
    assert.notEqual(definition("german").language, "en_US", "a non-English default language");
    const sharing = (object) =>
      read(`config/matrix/private-sharing/objects/${object}/${object}.object-meta.xml`).match(
        /<sharingModel>(\w+)<\/sharingModel>/
      )[1];
    assert.deepEqual(
      ["Lead", "Account", "Contact", "Opportunity"].map(sharing),
      ["Private", "Private", "ControlledByParent", "Private"],
      "Contacts are private through their Accounts"
    );
  });

  it("the demo settings keep every field of the packaged Default record and change only Use_Assignment_Rules__c", () => {
    const packaged = recordValues("force-app/main/config/customMetadata/Capture_Setting.Default.md-meta.xml");
    const demo = recordValues("config/demo-settings/customMetadata/Capture_Setting.Default.md-meta.xml");

    assert.deepEqual(
      Object.keys(demo).sort(),
      Object.keys(packaged).sort(),
      "a deploy replaces the whole record"
    );
    const changed = Object.keys(demo).filter((field) => demo[field] !== packaged[field]);
    assert.deepEqual(changed, ["Use_Assignment_Rules__c"], "only the documented demo change");
    assert.equal(demo.Use_Assignment_Rules__c, "false", "demo records stay with the admin who ran setup");
  });
});
