// Permission sets (step `metadata`; what is checked: docs/quality-gate.md, "What metadata checks" and "Platform rules
// in metadata"). Why standard grants are warnings: a managed package installs no standard-object permissions ("During
// package installation, all object permissions for standard objects are ignored"), and "you can only package
// permissions for metadata that's included in your package" (Second-Generation Managed Packaging Developer Guide,
// https://developer.salesforce.com/docs/atlas.en-us.pkg2_dev.meta/pkg2_dev/packaging_permission_set_groups.htm).
import { notPermissionableReason } from "./field-permissionability.mjs";
import { isTrue, list, lower, str } from "./project.mjs";
import { CUSTOM_SUFFIX } from "./sobject-model.mjs";

/** The permission set that must grant every custom field (admins see everything the package adds). */
const ADMIN_PERMISSION_SET = "Call_Capture_Admin";
/** Object permissions and the one each requires ("permission>required"), in the order they are reported. */
const REQUIRES =
  "allowCreate>allowRead allowEdit>allowRead allowDelete>allowEdit viewAllRecords>allowRead modifyAllRecords>allowDelete modifyAllRecords>viewAllRecords"
    .split(" ")
    .map((pair) => pair.split(">"));

/** Checks every permission set (ctx: the metadata step's context), and warns of what a package does not install. */
export function checkPermissionSets(ctx) {
  const { model, ofType, flag, warn, isPackaged, named, apexClassExists, namespace } = ctx;
  const known = (type, name) => named(type).has(lower(name));
  const appExists = (n) => n.startsWith("standard__") || known("CustomApplication", n);
  // source names classes without the namespace; "callcap.Class" would still resolve in the org
  const withoutNs = (n) => (namespace ? n.replace(new RegExp(`^${namespace}\\.`, "i"), "") : n);
  /** section -> [the element naming a component, what the component is, whether it exists] */
  const references = {
    classAccesses: ["apexClass", "Apex class", (n) => apexClassExists(withoutNs(n))],
    pageAccesses: ["apexPage", "Visualforce page", (n) => known("ApexPage", n)],
    tabSettings: ["tab", "tab", (n) => n.startsWith("standard-") || known("CustomTab", model.stripNs(n))],
    applicationVisibilities: ["application", "app", appExists],
    customMetadataTypeAccesses: ["name", "custom metadata type", (n) => /__mdt$/i.test(n) && model.exists(n)],
    customPermissions: ["name", "custom permission", (n) => known("CustomPermission", n)]
  };
  const grants = new Map(); // permission set name -> Set of lower 'obj.field' readable
  const permissionSets = ofType("PermissionSet").filter(({ def }) => def);
  for (const { file, name, def: ps } of permissionSets) {
    const granted = new Set();
    grants.set(name, granted);
    for (const op of list(ps.objectPermissions)) {
      const obj = str(op.object);
      if (!model.exists(obj))
        flag(file, `<object>${obj}</object>`, `object permission for unknown object ${obj}`);
      for (const [permission, required] of REQUIRES) {
        if (isTrue(op[permission]) && !isTrue(op[required]))
          flag(file, `<object>${obj}</object>`, `${obj}: ${permission} requires ${required}`);
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
      const def = model.fieldDef(obj, field) ?? {}; // a standard field has no definition in source
      if (unlistable(def))
        at(`${qualified} is required or master-detail: permission sets cannot list it (deploy error)`);
      const readOnly = def.formula || ["AutoNumber", "Summary"].includes(str(def.type));
      if (readOnly && isTrue(fp.editable))
        at(`${qualified} is read-only (formula/auto number/roll-up): editable must be false`);
      const refused = notPermissionableReason(qualified);
      if (refused) at(refused);
      if (isTrue(fp.readable)) granted.add(lower(`${model.stripNs(obj)}.${model.stripNs(field)}`));
    }
    for (const [section, [key, what, exists]] of Object.entries(references)) {
      for (const entry of list(ps[section])) {
        const ref = str(entry[key]);
        if (!exists(ref)) flag(file, `<${key}>${ref}</${key}>`, `${section}: unknown ${what} ${ref}`);
      }
    }
  }

  // Every custom field a user could be given is granted by the admin permission set (access to custom metadata,
  // events, big and external objects and custom settings is not by field permission).
  const admin = grants.get(ADMIN_PERMISSION_SET);
  const grantable = [...model.objects.values()]
    .filter((obj) => !/__(mdt|e|b|x)$/i.test(obj.name) && !obj.customSetting)
    .flatMap((obj) => [...obj.fields.values()].map((field) => ({ obj, field })))
    .filter(({ field }) => /__c$/i.test(field.name) && !unlistable(field.def));
  if (grantable.length && !admin) {
    const missing = `missing: permission set ${ADMIN_PERMISSION_SET} (it must grant every custom field)`;
    flag(grantable[0].field.file, null, missing);
  }
  for (const { obj, field } of admin ? grantable : []) {
    const label = `${obj.name}.${field.name}`;
    if (!admin.has(lower(label)))
      flag(field.file, null, `${label} is not granted (readable) by permission set ${ADMIN_PERMISSION_SET}`);
  }
  warnPackagedGrants(permissionSets, isPackaged, warn);
}

const OBJECT_FLAGS = "allowRead allowCreate allowEdit allowDelete viewAllRecords modifyAllRecords".split(" ");

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
    const needle = `<name>${permission}</name>`;
    out.push({ needle, what: `user permission ${permission}`, keys: [`user:${permission}`] });
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

/** A field a permission set cannot list: required or master-detail (the deploy fails). */
const unlistable = (def) => isTrue(def.required) || str(def.type) === "MasterDetail";

/**
 * Warns of each grant of the packaged permission sets that a subscriber does not get from the package, naming the
 * companions (permission sets a deploy sends that are not packaged) that grant it, so the install docs stay true.
 */
function warnPackagedGrants(permissionSets, isPackaged, warn) {
  const companions = permissionSets.filter(({ file }) => !isPackaged(file));
  const companionGrants = new Map(); // key -> the companions granting it
  for (const { name, def } of companions) {
    for (const key of standardGrants(def).flatMap((g) => g.keys))
      companionGrants.set(key, [...(companionGrants.get(key) ?? []), name]);
  }
  const coverage = (keys) => {
    const missing = keys.filter((k) => !companionGrants.has(k));
    if (!companions.length) return "no companion permission set exists";
    if (!missing.length)
      return `granted by companion ${[...new Set(keys.flatMap((k) => companionGrants.get(k)))].join(", ")}`;
    return `not granted by any companion permission set: ${missing.map((k) => k.split(":").slice(1).join(" ")).join(", ")}`;
  };
  for (const { file, name, def } of permissionSets.filter(({ file }) => isPackaged(file))) {
    for (const { needle, what, keys } of standardGrants(def))
      warn(file, needle, `${name}: ${what} is not installed in a subscriber org (${coverage(keys)})`);
  }
}
