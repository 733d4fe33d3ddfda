// Rule of the `metadata` step (permission-sets.mjs): a permission set may carry field permissions only for fields
// that take them; a deploy (or a FieldPermissions insert) naming another is refused. Standard fields that take none:
// those the Object Reference marks "not subject to field-level security" and required fields (the table below, each
// with its source), and the components of a compound address (Lead.Street), whose field-level security is set on the
// compound field (Lead.Address). docs/permissions.md lists the same table for admins, with its sources.
import { standardObject } from "./standard-sobjects.mjs";

const CALL_CENTER =
  'Object Reference, Task: "Not subject to field-level security, available for any user in an organization with Salesforce CRM Call Center"';
const REQUIRED =
  'required on create: no field-level security exists for it, and a deploy naming it fails with "You cannot deploy to a required field" (the error sfdx-hardis documents for it)';

/** Standard fields that take no field permission, lower-case "object.field" → why. */
const NOT_PERMISSIONABLE = new Map([
  ...["task.calldisposition", "task.calldurationinseconds", "task.callobject"].map((f) => [f, CALL_CENTER]),
  ..."lead.lastname lead.company lead.status contact.lastname account.name opportunity.name opportunity.stagename opportunity.closedate task.status task.priority"
    .split(" ")
    .map((f) => [f, REQUIRED])
]);

const ADDRESS_COMPONENTS =
  "Street City State PostalCode Country StateCode CountryCode Latitude Longitude GeocodeAccuracy".split(" ");

/** The compound address a standard field is a component of (Contact, MailingStreet → MailingAddress), or null. */
export function compoundAddressOf(objectName, fieldName) {
  const fields = standardObject(objectName)?.fields;
  const component = ADDRESS_COMPONENTS.find((c) => fieldName.toLowerCase().endsWith(c.toLowerCase()));
  if (!fields || !component) return null;
  const compound = `${fieldName.slice(0, fieldName.length - component.length)}Address`;
  return fields.has(compound.toLowerCase()) ? compound : null;
}

/** Why a field (Lead.Street) takes no field permission, or null when it may carry one. */
export function notPermissionableReason(qualified) {
  const [objectName, fieldName] = qualified.split(".");
  if (!fieldName || /__c$/i.test(fieldName)) return null;
  const listed = NOT_PERMISSIONABLE.get(qualified.toLowerCase());
  if (listed) return `${qualified} takes no field permission (${listed})`;
  const compound = compoundAddressOf(objectName, fieldName);
  return compound
    ? `${qualified} is a component of the compound field ${objectName}.${compound}: grant ${objectName}.${compound} instead (field-level security of an address is set on the compound field; a permission on a component is refused)`
    : null;
}
