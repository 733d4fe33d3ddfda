// The SObject model every check shares: the project's own objects and fields from objects/<Object>/ (standard objects
// extended in source included) and the platform's standard objects from the model apex-ls uses (standard-sobjects.mjs).
// Names are case-insensitive and our own namespace prefix is optional, as in the org.
import path from "node:path";
import { list, lower, readXml, str, walk } from "./project.mjs";
import { isStandardObject, standardObject } from "./standard-sobjects.mjs";

export const CUSTOM_SUFFIX = /__(c|mdt|e|b|x)$/i;
/** The platform's own fields of a custom object (c), custom metadata type (mdt) and platform event (e). */
const SYSTEM_FIELDS = {
  c: "Id Name OwnerId Owner CreatedDate CreatedById CreatedBy LastModifiedDate LastModifiedById LastModifiedBy SystemModstamp IsDeleted LastViewedDate LastReferencedDate LastActivityDate RecordTypeId RecordType",
  mdt: "Id DeveloperName MasterLabel Label Language NamespacePrefix QualifiedApiName SystemModstamp",
  e: "ReplayId CreatedDate CreatedById CreatedBy EventUuid"
};
const SYSTEM_TARGETS = { owner: "User", createdby: "User", lastmodifiedby: "User", recordtype: "RecordType" };

export class ObjectModel {
  /** The objects and fields of the metadata files; parse(file) is a file's XML as project.mjs's parseXml reads it. */
  constructor(files, parse, namespace) {
    this.namespace = lower(namespace);
    /** lower name -> { name, defined, customSetting, fields: Map<lower name, { name, def, file }> } */
    this.objects = new Map();
    const entry = (name) =>
      this.objects.get(lower(name)) ??
      this.objects.set(lower(name), { name, defined: false, fields: new Map() }).get(lower(name));
    for (const file of files) {
      const parts = file.split(path.sep);
      const [object, folder, base] = parts.slice(-3);
      if (parts.at(-3) === "objects" && base === `${folder}.object-meta.xml`) {
        // a custom setting's fields take no field permissions: access is by custom setting definition
        const customSetting = str(parse(file)?.CustomObject?.customSettingsType) !== "";
        Object.assign(entry(folder), { defined: true, file, customSetting });
      } else if (parts.at(-4) === "objects" && folder === "fields" && base.endsWith(".field-meta.xml")) {
        const name = base.slice(0, -".field-meta.xml".length);
        entry(object).fields.set(lower(name), { name, def: parse(file)?.CustomField ?? {}, file });
      }
    }
  }

  /** Source never carries our own namespace, but a reference written with it still resolves in the org. */
  stripNs(name) {
    const ns = this.namespace;
    return ns && lower(name).startsWith(`${ns}__`) ? name.slice(ns.length + 2) : name;
  }

  /** True when the object exists in the source or on every org (standard SObject). */
  exists(name) {
    const n = this.stripNs(name);
    return CUSTOM_SUFFIX.test(n) ? this.objects.get(lower(n))?.defined === true : isStandardObject(n);
  }

  /** The metadata definition of one of the project's fields (CustomField), or undefined. */
  fieldDef(objectName, fieldName) {
    return this.objects.get(lower(this.stripNs(objectName)))?.fields.get(lower(this.stripNs(fieldName)))?.def;
  }

  /**
   * One field or relationship name on an object: { exists, target }, target being the object a relationship
   * (Lead__r, Owner, Account) points to. A custom lookup Lead__c is read through Lead__r (its relationshipName
   * names the other direction, the parent's child relationship: childObject).
   */
  field(objectName, fieldName) {
    const obj = this.stripNs(objectName);
    const field = lower(this.stripNs(fieldName));
    const custom = this.objects.get(lower(obj))?.fields;
    if (field.endsWith("__r")) {
      const lookup = custom?.get(field.replace(/__r$/, "__c"));
      return { exists: Boolean(lookup), target: lookup ? str(lookup.def.referenceTo) : null };
    }
    if (field.endsWith("__c")) return { exists: Boolean(custom?.has(field)), target: null };
    const kind = CUSTOM_SUFFIX.exec(obj)?.[1]?.toLowerCase();
    if (kind) {
      const exists = (SYSTEM_FIELDS[kind] ?? SYSTEM_FIELDS.c).split(" ").some((s) => lower(s) === field);
      return { exists, target: (exists && SYSTEM_TARGETS[field]) || null };
    }
    const standard = standardObject(obj)?.fields;
    return { exists: Boolean(standard?.has(field)), target: standard?.get(field) ?? null };
  }

  /**
   * Follows a field path (["Lead__r", "Company"]) from an object: the first part that does not resolve, as
   * { object, part, notRelationship }, or null when the path resolves (or, with stopOutsideModel, leaves the model).
   */
  unresolved(objectName, parts, stopOutsideModel = false) {
    let object = objectName;
    for (const [i, part] of parts.entries()) {
      const { exists, target } = this.field(object, part);
      if (!exists || (i < parts.length - 1 && !target)) return { object, part, notRelationship: exists };
      if (stopOutsideModel && target && !this.exists(target)) return null;
      object = target;
    }
    return null;
  }

  /** The first part of a dotted path (Lead__r.Name) on an object that does not exist, as Object.part, or null. */
  missingInPath(objectName, fieldPath) {
    const miss = this.unresolved(objectName, fieldPath.split("."));
    return miss && `${miss.object}.${miss.part}${miss.notRelationship ? " (not a relationship)" : ""}`;
  }

  /**
   * The child object behind a child relationship name (FROM Calls__r, Contacts): { exists, object }, ours by their
   * <relationshipName>, a standard object's from the SObject model. A custom object's platform child relationships
   * (Tasks, Histories, Shares…) are in neither: accepted with object null, and what is read through them unchecked.
   */
  childObject(parent, relationship) {
    const rel = lower(this.stripNs(relationship));
    const parentName = lower(this.stripNs(parent));
    for (const obj of this.objects.values()) {
      for (const { def } of obj.fields.values()) {
        const name = str(def.relationshipName);
        if (name && lower(`${name}__r`) === rel && lower(this.stripNs(str(def.referenceTo))) === parentName)
          return { exists: true, object: obj.name };
      }
    }
    if (rel.endsWith("__r")) return { exists: false, object: null };
    if (CUSTOM_SUFFIX.test(parentName)) return { exists: true, object: null };
    const child = standardObject(parentName)?.children.get(rel);
    return { exists: Boolean(child), object: child ?? null };
  }
}

/** The object model of the package directories, reading their object and field files. */
export function readObjectModel(packageDirs, namespace) {
  const files = packageDirs.flatMap((d) => walk(d)).filter((f) => /\.(object|field)-meta\.xml$/.test(f));
  return new ObjectModel(files, readXml, namespace);
}

/** The shipped records of a custom metadata type, unread, as [{ file, name }] (Trigger_Bypass.Lead: name Lead). */
export function customMetadataFiles(packageDirs, typeName) {
  const record = new RegExp(`[\\/]customMetadata[\\/]${typeName}\\.([^\\/]+)\\.md-meta\\.xml$`);
  const files = packageDirs.flatMap((d) => walk(d)).map((file) => ({ file, name: record.exec(file)?.[1] }));
  return files.filter(({ name }) => name);
}

/** The shipped records of a custom metadata type as [{ file, values }], values by field name (xsi:nil: null). */
export function customMetadataRecords(packageDirs, typeName) {
  return customMetadataFiles(packageDirs, typeName).map(({ file }) => {
    const fields = list(readXml(file)?.CustomMetadata?.values);
    const valueOf = (v) => (v.value?.["@_xsi:nil"] === "true" ? null : str(v.value).trim());
    return { file, values: Object.fromEntries(fields.map((v) => [str(v.field), valueOf(v)])) };
  });
}
