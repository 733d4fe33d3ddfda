// Generates the ts-force SObject classes of the package's objects (src/records/generated/) from the
// project's metadata. ts-force-gen reads an org's describe; no org is needed: a loopback server answers
// the describe calls with what force-app's object XML defines, with the managed namespace prefix.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";
import * as prettier from "prettier";

const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const root = path.resolve(sdk, "..");
const CODEGEN_DIR = path.join(root, "tools", "codegen");

/**
 * Resolves a generator from tools/codegen, installing it from that folder's lockfile on first use: only
 * `npm run generate` needs it, so `npm ci` and the tests never download it.
 */
function codegenTool(request) {
  if (!existsSync(path.join(CODEGEN_DIR, "node_modules"))) {
    console.log("installing the pinned code generators (first use): npm ci --prefix tools/codegen");
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const install = spawnSync(npm, ["ci", "--prefix", CODEGEN_DIR, "--no-audit", "--no-fund"], {
      stdio: "inherit"
    });
    if (install.status !== 0) throw new Error(`npm ci --prefix tools/codegen exited ${install.status}`);
  }
  return createRequire(path.join(CODEGEN_DIR, "package.json")).resolve(request);
}
const NAMESPACE = "callcap__";
const OBJECTS = [
  { dir: "force-app/main/records/objects/Call__c", apiName: "Call__c", className: "CallRecord" }
];
const outFile = path.join(sdk, "src/records/generated/sobjects.ts");

const parser = new XMLParser({ isArray: (name) => name === "value" });
const readXml = (file) => parser.parse(readFileSync(file, "utf8"));

// Describe types of the field types the package uses (Salesforce reports Number fields as double).
const TYPES = {
  Text: "string",
  TextArea: "textarea",
  LongTextArea: "textarea",
  Email: "email",
  Url: "url",
  Phone: "phone",
  Checkbox: "boolean",
  Number: "double",
  Currency: "currency",
  Percent: "percent",
  Date: "date",
  DateTime: "datetime",
  Picklist: "picklist",
  Lookup: "reference",
  MasterDetail: "reference"
};

const field = (overrides) => ({
  createable: false,
  updateable: false,
  nillable: true,
  externalId: false,
  inlineHelpText: null,
  picklistValues: [],
  referenceTo: [],
  relationshipName: null,
  restrictedPicklist: false,
  ...overrides
});

/** The describe of one custom object as an org with the managed package would return it. */
export function describeFromMetadata(objectDir, apiName) {
  const object = readXml(path.join(root, objectDir, `${apiName}.object-meta.xml`)).CustomObject;
  const name = object.nameField ?? {};
  const fields = [
    field({ name: "Id", label: "Record ID", type: "id", nillable: false }),
    field({
      name: "Name",
      label: name.label ?? "Name",
      type: "string",
      createable: name.type !== "AutoNumber",
      updateable: name.type !== "AutoNumber"
    }),
    field({
      name: "OwnerId",
      label: "Owner ID",
      type: "reference",
      referenceTo: ["Group", "User"],
      relationshipName: "Owner",
      createable: true,
      updateable: true
    }),
    field({ name: "CreatedDate", label: "Created Date", type: "datetime" }),
    field({ name: "LastModifiedDate", label: "Last Modified Date", type: "datetime" })
  ];
  const fieldDir = path.join(root, objectDir, "fields");
  for (const file of readdirSync(fieldDir)
    .filter((entry) => entry.endsWith(".field-meta.xml"))
    .sort()) {
    const xml = readXml(path.join(fieldDir, file)).CustomField;
    const type = TYPES[xml.type];
    if (!type) throw new Error(`${file}: no describe type for ${xml.type}`);
    const values = xml.valueSet?.valueSetDefinition?.value ?? [];
    fields.push(
      field({
        name: `${NAMESPACE}${xml.fullName}`,
        label: xml.label,
        type,
        createable: true,
        updateable: true,
        externalId: xml.externalId === true,
        inlineHelpText: xml.inlineHelpText ?? null,
        picklistValues: values.map((value) => ({
          value: String(value.fullName),
          label: String(value.label ?? value.fullName),
          active: true
        })),
        restrictedPicklist: xml.valueSet?.restricted === true,
        referenceTo: xml.referenceTo ? [xml.referenceTo] : [],
        relationshipName: xml.referenceTo ? `${NAMESPACE}${xml.fullName.replace(/__c$/, "__r")}` : null
      })
    );
  }
  return {
    name: `${NAMESPACE}${apiName}`,
    label: object.label,
    custom: true,
    fields,
    childRelationships: []
  };
}

async function generate() {
  const describes = new Map(
    OBJECTS.map((object) => [
      `${NAMESPACE}${object.apiName}`,
      describeFromMetadata(object.dir, object.apiName)
    ])
  );
  const server = createServer((request, response) => {
    const match = /\/sobjects\/([^/]+)\/describe\/?$/.exec(request.url ?? "");
    const describe = match && describes.get(match[1]);
    response.writeHead(describe ? 200 : 404, { "Content-Type": "application/json" });
    response.end(
      JSON.stringify(
        describe ?? [{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }]
      )
    );
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const instanceUrl = `http://127.0.0.1:${server.address().port}`;
  rmSync(path.dirname(outFile), { recursive: true, force: true });
  mkdirSync(path.dirname(outFile), { recursive: true });
  const bin = codegenTool("ts-force-gen/build/index.js");
  const sObjects = OBJECTS.map((object) => `${NAMESPACE}${object.apiName}`).join(",");
  const config = JSON.stringify({
    auth: { accessToken: "local-describe", instanceUrl, version: 62 },
    sObjects: OBJECTS.map((object) => ({
      apiName: `${NAMESPACE}${object.apiName}`,
      className: object.className
    })),
    // A .ts path makes ts-force-gen write one file: no extensionless relative imports for ESM to trip on.
    outPath: path.relative(root, outFile),
    generatePicklists: true,
    keepNamespaces: false
  });
  const configFile = path.join(root, ".tmp-ts-force-config.json");
  writeFileSync(configFile, config);
  const code = await new Promise((resolve) => {
    // ts-force-gen reads node_modules/ts-force from its working directory: run it from the repository root.
    const child = spawn(process.execPath, [bin, "--config", configFile], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"]
    });
    child.on("exit", resolve);
  });
  rmSync(configFile, { force: true });
  server.close();
  // ts-force-gen exits 0 even when it fails: check that it wrote every class.
  const source = existsSync(outFile) ? readFileSync(outFile, "utf8") : "";
  const missing = OBJECTS.filter((object) => !source.includes(`export class ${object.className} `));
  if (code !== 0 || missing.length > 0) {
    throw new Error(
      `ts-force-gen did not generate ${missing.map((object) => object.apiName).join(", ")} (exit ${code})`
    );
  }
  const header = `// GENERATED by ts-sdk/scripts/generate-records.mjs from force-app object metadata. Do not edit: run \`npm run generate\`.\n/* eslint-disable -- ts-force-gen's output style (unused imports, literal types) is not ours to lint */\n`;
  const options = { ...(await prettier.resolveConfig(outFile)), filepath: outFile };
  writeFileSync(outFile, await prettier.format(header + source, options));
  console.log(
    `generated ${OBJECTS.map((object) => object.className).join(", ")} in ${path.relative(root, outFile)} (${sObjects})`
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await generate();
}
