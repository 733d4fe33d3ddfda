// Permission sets (step `metadata`): every name a permission set grants exists (objects, fields, classes, pages,
// tabs, apps, custom metadata types, custom permissions); object access carries what it depends on (edit needs
// read…); no field permission on a field that takes none (required, master-detail, formula fields editable, and
// the standard fields of field-permissionability.mjs); every custom field a user could be given is granted by the
// admin permission set. And the managed-package rule: permission sets in a managed package do not install
// standard-object permissions ("During package installation, all object permissions for standard objects are
// ignored"), and "you can only package permissions for metadata that's included in your package", so standard-field
// and user permissions do not reach a subscriber either (Second-Generation Managed Packaging Developer Guide,
// https://developer.salesforce.com/docs/atlas.en-us.pkg2_dev.meta/pkg2_dev/packaging_permission_set_groups.htm).
// A packaged permission set that grants them still deploys, so that is a WARNING, not a failure: it names each
// grant a subscriber will not get from the package, and whether a companion permission set (one the scripts
// deploy that is not packaged) grants it, so the install docs and the companion set stay true.
import { notPermissionableReason } from "./field-permissionability.mjs";
import { isTrue, list, lower, str } from "./project.mjs";

/** The permission set that must grant every custom field (admins see everything the package adds). */
export const ADMIN_PERMISSION_SET = "Call_Capture_Admin";

/**
 * Checks every permission set; returns the managed-package warnings (printed, never failing).
 * @param {object} ctx the metadata step's context (metadata.mjs)
 * @returns {{file: string, needle: string, message: string}[]}
 */
export function checkPermissionSets(ctx) {
  const { model, ofType, flag, isPackaged, named, apexClassExists, namespace } = ctx;
  const objects = model.objects;
  const grants = new Map(); // permission set name -> Set of lower 'obj.field' readable
  const permissionSets = ofType("PermissionSet")
    .filter(({ def }) => def)
    .map(({ file, name, def }) => ({ file, name, ps: def }));
  for (const { file, name, ps } of permissionSets) {
    const granted = new Set();
    grants.set(name, granted);
    for (const op of list(ps.objectPermissions)) {
      const obj = str(op.object);
      if (!model.exists(obj))
        flag(file, `<object>${obj}</object>`, `object permission for unknown object ${obj}`);
      const needs = [
        ["allowCreate", "allowRead"],
        ["allowEdit", "allowRead"],
        ["allowDelete", "allowEdit"],
        ["viewAllRecords", "allowRead"],
        ["modifyAllRecords", "allowDelete"],
        ["modifyAllRecords", "viewAllRecords"]
      ];
      for (const [permission, required] of needs) {
        if (isTrue(op[permission]) && !isTrue(op[required])) {
          flag(file, `<object>${obj}</object>`, `${obj}: ${permission} requires ${required}`);
        }
      }
    }
    for (const fp of list(ps.fieldPermissions)) {
      const qualified = str(fp.field);
      const at = (message) => flag(file, `<field>${qualified}</field>`, message);
      const [obj, field] = qualified.split(".");
      if (!field || !model.exists(obj) || !model.field(obj, field).exists) {
        at(`field permission for unknown field ${qualified}`);
        continue;
      }
      if (isTrue(fp.editable) && !isTrue(fp.readable)) at(`${qualified}: editable requires readable`);
      const def = model.fieldDef(obj, field);
      if (def) {
        if (isTrue(def.required) || str(def.type) === "MasterDetail")
          at(`${qualified} is required or master-detail: permission sets cannot list it (deploy error)`);
        const readOnly = def.formula || ["AutoNumber", "Summary"].includes(str(def.type));
        if (readOnly && isTrue(fp.editable))
          at(`${qualified} is read-only (formula/auto number/roll-up): editable must be false`);
      }
      const refused = notPermissionableReason(qualified);
      if (refused) at(refused);
      if (isTrue(fp.readable)) granted.add(lower(`${model.stripNs(obj)}.${model.stripNs(field)}`));
    }
    const refs = [
      [
        "classAccesses",
        "apexClass",
        // source names classes without the namespace; "callcap.Class" would still resolve in the org
        (n) => apexClassExists(namespace ? n.replace(new RegExp(`^${namespace}\\.`, "i"), "") : n),
        "Apex class"
      ],
      ["pageAccesses", "apexPage", (n) => named("ApexPage").has(lower(n)), "Visualforce page"],
      [
        "tabSettings",
        "tab",
        (n) => n.startsWith("standard-") || named("CustomTab").has(lower(model.stripNs(n))),
        "tab"
      ],
      [
        "applicationVisibilities",
        "application",
        (n) => n.startsWith("standard__") || named("CustomApplication").has(lower(n)),
        "app"
      ],
      [
        "customMetadataTypeAccesses",
        "name",
        (n) => /__mdt$/i.test(n) && model.exists(n),
        "custom metadata type"
      ],
      ["customPermissions", "name", (n) => named("CustomPermission").has(lower(n)), "custom permission"]
    ];
    for (const [section, key, exists, what] of refs) {
      for (const entry of list(ps[section])) {
        const ref = str(entry[key]);
        if (!exists(ref)) flag(file, `<${key}>${ref}</${key}>`, `${section}: unknown ${what} ${ref}`);
      }
    }
  }

  // Every custom field a user could be given is granted by the admin permission set.
  const grantable = [];
  for (const obj of objects.values()) {
    if (/__(mdt|e|b|x)$/i.test(obj.name) || obj.customSetting) continue; // access to these is not by field permission
    for (const field of obj.fields.values()) {
      if (!/__c$/i.test(field.name) || isTrue(field.def.required) || str(field.def.type) === "MasterDetail")
        continue;
      grantable.push({
        key: lower(`${obj.name}.${field.name}`),
        label: `${obj.name}.${field.name}`,
        file: field.file
      });
    }
  }
  if (grantable.length) {
    const admin = grants.get(ADMIN_PERMISSION_SET);
    if (!admin) {
      flag(
        grantable[0].file,
        null,
        `missing: permission set ${ADMIN_PERMISSION_SET} (it must grant every custom field)`
      );
    } else {
      for (const f of grantable) {
        if (!admin.has(f.key))
          flag(
            f.file,
            null,
            `${f.label} is not granted (readable) by permission set ${ADMIN_PERMISSION_SET}`
          );
      }
    }
  }
  // Grants a managed package does not install: warnings, so the install docs and companion set stay true.
  return packagedPermissionWarnings(
    permissionSets.filter(({ file }) => isPackaged(file)),
    permissionSets.filter(({ file }) => !isPackaged(file))
  );
}

const CUSTOM_SUFFIX = /__(c|mdt|e|b|x)$/i;

const OBJECT_FLAGS = [
  "allowRead",
  "allowCreate",
  "allowEdit",
  "allowDelete",
  "viewAllRecords",
  "modifyAllRecords"
];

/**
 * What a permission set grants on standard objects, standard fields and users (a managed package installs none of
 * it): [{ needle, what, keys }], keys such as 'object:Lead:allowRead', 'user:ViewSetup', 'field:Lead.Company:readable'.
 */
function standardGrants(ps) {
  const out = [];
  for (const op of list(ps.objectPermissions)) {
    const object = str(op.object);
    const flags = OBJECT_FLAGS.filter((f) => isTrue(op[f]));
    if (CUSTOM_SUFFIX.test(object) || !flags.length) continue;
    const what = `standard-object permission ${object} (${flags.join(", ")})`;
    out.push({ needle: `<object>${object}</object>`, what, keys: flags.map((f) => `object:${object}:${f}`) });
  }
  for (const up of list(ps.userPermissions).filter((p) => isTrue(p.enabled))) {
    const permission = str(up.name);
    out.push({
      needle: `<name>${permission}</name>`,
      what: `user permission ${permission}`,
      keys: [`user:${permission}`]
    });
  }
  for (const fp of list(ps.fieldPermissions)) {
    const field = str(fp.field);
    const flags = ["readable", "editable"].filter((f) => isTrue(fp[f]));
    if (CUSTOM_SUFFIX.test(field.split(".")[1] ?? "") || !flags.length) continue;
    const what = `standard-field permission ${field} (${flags.join(", ")})`;
    out.push({ needle: `<field>${field}</field>`, what, keys: flags.map((f) => `field:${field}:${f}`) });
  }
  return out;
}

/** Warnings for grants of the packaged permission sets that a subscriber does not get from the package. */
function packagedPermissionWarnings(packaged, companions) {
  const companionGrants = new Map(); // key -> the companions granting it
  for (const { name, ps } of companions) {
    for (const key of standardGrants(ps).flatMap((g) => g.keys))
      companionGrants.set(key, [...(companionGrants.get(key) ?? []), name]);
  }
  const coverage = (keys) => {
    const missing = keys.filter((k) => !companionGrants.has(k));
    if (!companions.length) return "no companion permission set exists";
    if (!missing.length)
      return `granted by companion ${[...new Set(keys.flatMap((k) => companionGrants.get(k)))].join(", ")}`;
    return `not granted by any companion permission set: ${missing.map((k) => k.split(":").slice(1).join(" ")).join(", ")}`;
  };
  return packaged.flatMap(({ file, name, ps }) =>
    standardGrants(ps).map(({ needle, what, keys }) => ({
      file,
      needle,
      message: `${name}: ${what} is not installed in a subscriber org (${coverage(keys)})`
    }))
  );
}
