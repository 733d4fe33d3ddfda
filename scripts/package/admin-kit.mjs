// What goes into the admin kit (npm run release:kit), each piece built from the repository rather than written by
// hand: the companion permission sets as a Metadata API zip, their permission table, and the install checklist on
// one page. Pure functions of their inputs, so the tests build a kit from planted sources too.
import fs from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";

export const KIT_FILES = {
  zip: "call-capture-companion.zip",
  checklist: "checklist.md",
  permissions: "permission-sets.md",
  readme: "README.md"
};

/**
 * The companion metadata (source format) as a Metadata API zip: package.xml at the root and one folder per type,
 * the layout Workbench deploys with "Single Package" ticked and `sf project deploy start --metadata-dir` reads.
 * @param {string} sourceDir the companion permission sets, e.g. companion/permissions
 * @param {string} apiVersion the package.xml version (sfdx-project.json's sourceApiVersion)
 * @returns {Promise<Buffer>}
 */
export async function companionZip(sourceDir, apiVersion) {
  // Loaded here, not on import: it takes a second, and the kit's dry run and its other pieces do without it.
  const { ComponentSet, MetadataConverter } = await import("@salesforce/source-deploy-retrieve");
  const components = ComponentSet.fromSource(sourceDir);
  components.sourceApiVersion = apiVersion;
  components.apiVersion = apiVersion;
  if (components.size === 0) throw new Error(`no metadata found in ${sourceDir}`);
  const result = await new MetadataConverter().convert(components, "metadata", { type: "zip" });
  return result.zipBuffer;
}

// ---------------------------------------------------------------------------------------------------------------
// The permission table

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) =>
    ["fieldPermissions", "objectPermissions", "userPermissions", "tabSettings", "classAccesses"].includes(
      name
    )
});

// Elements that describe the permission set itself rather than grant anything.
const DESCRIPTIVE = new Set(["label", "description", "hasActivationRequired", "license"]);
// How Setup names the standard objects in a permission set's Object Settings.
export const OBJECT_LABELS = {
  Account: "Accounts",
  Campaign: "Campaigns",
  Case: "Cases",
  Contact: "Contacts",
  Event: "Events",
  Lead: "Leads",
  Opportunity: "Opportunities",
  Task: "Tasks"
};
// How Setup names the user permissions under System Permissions (a test requires one for every companion grant).
export const USER_PERMISSION_LABELS = {
  ApiEnabled: "API Enabled",
  ConvertLeads: "Convert Leads",
  EditTask: "Edit Tasks",
  EditEvent: "Edit Events",
  EmailSingle: "Send Email",
  SendCustomNotifications: "Send Custom Notifications"
};
// The field labels an admin looks for in Field Permissions (a test requires one for every companion grant); the API
// name is always shown beside them.
export const FIELD_LABELS = {
  "Account.Name": "Account Name",
  "Account.Phone": "Account Phone",
  "Case.AccountId": "Account Name",
  "Case.ContactId": "Contact Name",
  "Case.Description": "Description",
  "Case.Origin": "Case Origin",
  "Case.Subject": "Subject",
  "Case.Type": "Type",
  "Contact.Description": "Description",
  "Contact.Email": "Email",
  "Contact.MailingAddress": "Mailing Address",
  "Contact.MobilePhone": "Mobile",
  "Contact.Phone": "Phone",
  "Lead.Address": "Address",
  "Lead.City": "City",
  "Lead.Country": "Country",
  "Lead.Description": "Description",
  "Lead.Email": "Email",
  "Lead.LeadSource": "Lead Source",
  "Lead.MobilePhone": "Mobile",
  "Lead.Phone": "Phone",
  "Lead.PostalCode": "Zip/Postal Code",
  "Lead.Rating": "Rating",
  "Lead.State": "State/Province",
  "Lead.Street": "Street",
  "Opportunity.AccountId": "Account Name",
  "Opportunity.Amount": "Amount",
  "Opportunity.Description": "Description",
  "Opportunity.LeadSource": "Lead Source",
  "Task.ActivityDate": "Due Date Only",
  "Task.CallType": "Call Type",
  "Task.Description": "Comments",
  "Task.IsReminderSet": "Reminder Set",
  "Task.ReminderDateTime": "Reminder Date/Time"
};
const OBJECT_RIGHTS = [
  ["allowRead", "Read"],
  ["allowCreate", "Create"],
  ["allowEdit", "Edit"],
  ["allowDelete", "Delete"],
  ["viewAllRecords", "View All"],
  ["modifyAllRecords", "Modify All"]
];

const isTrue = (value) => String(value) === "true";
const spaced = (name) => name.replace(/([a-z])([A-Z])/g, "$1 $2");
const fieldLabel = (field) => {
  const label = FIELD_LABELS[field];
  const apiName = field.split(".")[1];
  return label ? `${label} (\`${apiName}\`)` : `\`${apiName}\``;
};

/**
 * Reads every permission set of a folder (source format) into what the table shows.
 * @param {string} dir a folder holding permissionsets/*.permissionset-meta.xml
 */
export function readPermissionSets(dir) {
  const folder = path.join(dir, "permissionsets");
  return fs
    .readdirSync(folder)
    .filter((file) => file.endsWith(".permissionset-meta.xml"))
    .sort()
    .map((file) => {
      const set = parser.parse(fs.readFileSync(path.join(folder, file), "utf8")).PermissionSet;
      const unknown = Object.keys(set).filter(
        (key) =>
          !DESCRIPTIVE.has(key) &&
          ![
            "fieldPermissions",
            "objectPermissions",
            "userPermissions",
            "tabSettings",
            "classAccesses"
          ].includes(key)
      );
      // A grant the table cannot show would be a grant the admin never makes: stop instead.
      if (unknown.length) {
        throw new Error(`${file}: the permission table does not know how to show ${unknown.join(", ")}`);
      }
      return { name: file.replace(".permissionset-meta.xml", ""), file, ...set };
    });
}

/** The rows of one permission set: where in Setup, and what to turn on there. */
export function permissionRows(set) {
  const rows = [];
  const users = (set.userPermissions ?? []).filter((p) => isTrue(p.enabled)).map((p) => p.name);
  if (users.length) {
    rows.push([
      "System Permissions",
      users.map((name) => `**${USER_PERMISSION_LABELS[name] ?? spaced(name)}**`).join(", ")
    ]);
  }
  const objects = new Map();
  const entry = (object) => {
    if (!objects.has(object)) objects.set(object, { rights: [], edit: [], read: [] });
    return objects.get(object);
  };
  for (const permission of set.objectPermissions ?? []) {
    entry(permission.object).rights = OBJECT_RIGHTS.filter(([key]) => isTrue(permission[key])).map(
      ([, label]) => label
    );
  }
  for (const permission of set.fieldPermissions ?? []) {
    const [object] = permission.field.split(".");
    if (isTrue(permission.editable)) entry(object).edit.push(permission.field);
    else if (isTrue(permission.readable)) entry(object).read.push(permission.field);
  }
  for (const [object, { rights, edit, read }] of [...objects].sort(([a], [b]) => a.localeCompare(b))) {
    const parts = [];
    if (rights.length) parts.push(`object: ${rights.join(", ")}`);
    if (edit.length) parts.push(`fields **Read** and **Edit**: ${edit.sort().map(fieldLabel).join(", ")}`);
    if (read.length) parts.push(`fields **Read** only: ${read.sort().map(fieldLabel).join(", ")}`);
    if (parts.length)
      rows.push([`Object Settings → ${OBJECT_LABELS[object] ?? object} → Edit`, parts.join("; ")]);
  }
  for (const tab of set.tabSettings ?? [])
    rows.push([`Object Settings → ${tab.tab}`, `tab: ${tab.visibility}`]);
  for (const access of set.classAccesses ?? []) {
    if (isTrue(access.enabled)) rows.push(["Apex Class Access → Edit", `\`${access.apexClass}\``]);
  }
  return rows;
}

const escapeCell = (text) => String(text).replaceAll("|", "\\|").replaceAll("\n", " ");

/**
 * The permission table of every companion permission set, as markdown: how to create the set and, row by row,
 * where in the permission set each grant is and what to turn on.
 * @param {ReturnType<typeof readPermissionSets>} sets
 */
export function permissionTable(sets) {
  const lines = [
    "# The companion permission sets, permission by permission",
    "",
    "Generated from the companion metadata by `npm run release:kit`. Deploy `call-capture-companion.zip` instead",
    "if you can (checklist step 2); to create a set by hand: Setup → **Permission Sets** → **New**, enter its",
    "_Label_ and _API Name_ as below, _License_ none, **Save**, then make each row's grants: open the row's place",
    "in the permission set (**Object Settings** → the object → **Edit**, or **System Permissions** → **Edit**),",
    "tick what the row names and **Save**. Field permissions are in the same object's page under _Field",
    "Permissions_. Required fields (Last Name, Company, Lead Status, Stage, Close Date, Task Status, Priority)",
    "have no entry: Salesforce always grants them."
  ];
  for (const set of sets) {
    const rows = permissionRows(set);
    lines.push(
      "",
      `## ${set.label} (\`${set.name}\`)`,
      "",
      ...(set.description ? [String(set.description).trim(), ""] : []),
      "| where in the permission set | what to turn on |",
      "| --- | --- |",
      ...rows.map(([where, what]) => `| ${escapeCell(where)} | ${escapeCell(what)} |`)
    );
  }
  return `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// The checklist

/**
 * docs/install.md on one page: its step lines as checkboxes under their headings, from the first step to the first
 * test call; the explanations under each step and the sections after it (upgrade, uninstall) stay in the guide.
 * Links to other docs pages become plain names of those pages, which are not in the kit.
 * @param {string} installMd the text of docs/install.md
 * @param {{installLink?: string}} [options]
 */
export function checklist(installMd, { installLink } = {}) {
  const lines = installMd.split("\n");
  const out = [
    "# Call Capture install checklist",
    "",
    installLink
      ? `Install link: ${installLink}`
      : "Install link: none yet (no version of Call Capture has been released; see README.md).",
    "",
    "One action per line; **Check:** says how you see that it worked. Reasons and details: docs/install.md."
  ];
  let inSteps = false;
  for (const line of lines) {
    const heading = line.match(/^## (.+)$/);
    if (heading) {
      if (/^Log in with the sf CLI|^Upgrade|^Uninstall/.test(heading[1])) break;
      inSteps = !/^What you need/.test(heading[1]);
      if (inSteps) out.push("", `## ${heading[1]}`, "");
      continue;
    }
    // A step is a top-level list item: numbered, or a bullet among the prerequisites; its explanations are indented.
    const step = inSteps && line.match(/^(?:(\d+)\. |- )(.+)$/);
    if (step) out.push(`- [ ] ${step[1] ? `${step[1]}. ` : ""}${plainLinks(step[2])}`);
  }
  return `${out.join("\n")}\n`;
}

/** [text](page.md#anchor) → text (docs/page.md); links inside the guide itself keep their text only. */
function plainLinks(text) {
  return text.replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_, label, target) => {
    if (target.startsWith("#")) return label;
    if (/^https?:/.test(target)) return `${label} (${target})`;
    const page = `docs/${target.split("#")[0]}`;
    return label === target.split("#")[0] ? page : `${label} (${page})`;
  });
}
