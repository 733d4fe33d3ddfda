// The project's custom metadata records (customMetadata/<Type>.<Name>.md-meta.xml) as the runtime's
// rt.CustomMetadata holds them: by type, each record a map of field API name to value, typed by the field's
// XML (Number as a number, Checkbox as a boolean, the rest as text; xsi:nil as null). This is what
// `--rules shipped` gives the translated CaptureConfigSelector through Intelligence_Rule__mdt.getAll().
import fs from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { sobjectModelOf } from "./translator/model.mjs";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === "values"
});

/**
 * @param {{objectDirs: Map, metadataRecords: string[]}} project from readProject()
 * @returns {Record<string, object[]>} records by custom metadata type API name
 */
export function metadataRecords(project) {
  const byType = {};
  // One model per type: its field files were read again for every record (197 records, a quarter of a second).
  const models = new Map();
  for (const file of [...project.metadataRecords].sort()) {
    const base = path.basename(file, ".md-meta.xml");
    const dot = base.indexOf(".");
    const typeName = `${base.slice(0, dot)}__mdt`;
    const developerName = base.slice(dot + 1);
    const dir = project.objectDirs.get(typeName.toLowerCase());
    if (!dir) throw new Error(`${file}: no custom metadata type ${typeName} in the project`);
    if (!models.has(typeName)) models.set(typeName, sobjectModelOf(dir.name, dir.paths));
    const model = models.get(typeName);
    const xml = parser.parse(fs.readFileSync(file, "utf8")).CustomMetadata;
    const label = String(xml.label ?? developerName).trim();
    const record = {
      DeveloperName: developerName,
      MasterLabel: label,
      Label: label,
      QualifiedApiName: developerName
    };
    for (const entry of xml.values ?? []) {
      const fieldName = String(entry.field).trim();
      const field = model.fields.get(fieldName.toLowerCase());
      if (!field) throw new Error(`${file}: ${typeName} has no field ${fieldName}`);
      record[field.name] = valueOf(entry.value, field, file);
    }
    (byType[model.name] ??= []).push(record);
  }
  return byType;
}

function valueOf(value, field, file) {
  if (value === undefined || value === null || (typeof value === "object" && value["@xsi:nil"] === "true"))
    return null;
  const text = typeof value === "object" ? (value["#text"] ?? "") : String(value);
  if (field.apexType === "Decimal") {
    const number = Number(text);
    if (!Number.isFinite(number)) throw new Error(`${file}: ${field.name} is not a number: ${text}`);
    return number;
  }
  if (field.apexType === "Boolean") return text.trim() === "true";
  return text;
}
