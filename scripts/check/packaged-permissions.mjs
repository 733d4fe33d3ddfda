// Managed-package permission rule: permission sets in a managed package do not install standard-object
// permissions ("During package installation, all object permissions for standard objects are ignored"), and
// "you can only package permissions for metadata that's included in your package", so standard-field and
// user permissions do not reach a subscriber either (Second-Generation Managed Packaging Developer Guide,
// https://developer.salesforce.com/docs/atlas.en-us.pkg2_dev.meta/pkg2_dev/packaging_permission_set_groups.htm).
// A packaged permission set that grants them still deploys, so this is a WARNING, not a failure: it names
// each grant a subscriber will not get from the package, and whether a companion permission set (one the
// scripts deploy that is not packaged) grants it, so the install docs and the companion set stay true.
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
 * @param {{
 *   packaged: {file: string, name: string, ps: object}[], companions: {file: string, name: string, ps: object}[],
 *   list: (x: unknown) => unknown[], str: (x: unknown) => string
 * }} input
 * @returns {{file: string, needle: string, message: string}[]} warnings
 */
export function packagedPermissionWarnings({ packaged, companions, list, str }) {
  const isTrue = (x) => str(x) === "true";
  // what the companions grant: 'object:Lead:allowRead', 'user:ViewSetup', 'field:Lead.Company:readable'
  const companionGrants = new Map();
  const grant = (key, name) => companionGrants.set(key, [...(companionGrants.get(key) ?? []), name]);
  for (const { name, ps } of companions) {
    for (const op of list(ps.objectPermissions)) {
      for (const f of OBJECT_FLAGS) if (isTrue(op[f])) grant(`object:${str(op.object)}:${f}`, name);
    }
    for (const up of list(ps.userPermissions)) if (isTrue(up.enabled)) grant(`user:${str(up.name)}`, name);
    for (const fp of list(ps.fieldPermissions)) {
      for (const f of ["readable", "editable"]) if (isTrue(fp[f])) grant(`field:${str(fp.field)}:${f}`, name);
    }
  }
  const coverage = (keys) => {
    const missing = keys.filter((k) => !companionGrants.has(k));
    if (!companions.length) return "no companion permission set exists";
    if (!missing.length)
      return `granted by companion ${[...new Set(keys.flatMap((k) => companionGrants.get(k)))].join(", ")}`;
    return `not granted by any companion permission set: ${missing.map((k) => k.split(":").slice(1).join(" ")).join(", ")}`;
  };

  const warnings = [];
  for (const { file, name, ps } of packaged) {
    for (const op of list(ps.objectPermissions)) {
      const object = str(op.object);
      if (CUSTOM_SUFFIX.test(object)) continue;
      const flags = OBJECT_FLAGS.filter((f) => isTrue(op[f]));
      if (!flags.length) continue;
      warnings.push({
        file,
        needle: `<object>${object}</object>`,
        message: `${name}: standard-object permission ${object} (${flags.join(", ")}) is not installed in a subscriber org (${coverage(flags.map((f) => `object:${object}:${f}`))})`
      });
    }
    for (const up of list(ps.userPermissions)) {
      if (!isTrue(up.enabled)) continue;
      const permission = str(up.name);
      warnings.push({
        file,
        needle: `<name>${permission}</name>`,
        message: `${name}: user permission ${permission} is not installed in a subscriber org (${coverage([`user:${permission}`])})`
      });
    }
    for (const fp of list(ps.fieldPermissions)) {
      const field = str(fp.field);
      if (CUSTOM_SUFFIX.test(field.split(".")[1] ?? "")) continue;
      const flags = ["readable", "editable"].filter((f) => isTrue(fp[f]));
      if (!flags.length) continue;
      warnings.push({
        file,
        needle: `<field>${field}</field>`,
        message: `${name}: standard-field permission ${field} (${flags.join(", ")}) is not installed in a subscriber org (${coverage(flags.map((f) => `field:${field}:${f}`))})`
      });
    }
  }
  return warnings;
}
