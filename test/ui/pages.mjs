// The pages the render tests show components on, read from the project's own flexipages: which template, which
// region holds which component with which properties. The browser (browser/page.js) lays the regions out the way
// the template does in Lightning Experience, so a component is seen, and checked, at the width of its region.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";
import { TEMPLATES } from "../../scripts/check/flexipage-templates.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * How each template arranges its regions: rows of regions, each with its share of the row, and the width value
 * (flexipageRegionWidth) a component in it is given. Lightning Experience lays "Header and Right Sidebar" out as
 * two thirds and one third under a full-width header, and "Header and Two Equal Regions" as two halves under a
 * full-width header (the template names in Lightning App Builder); the gutters are SLDS's 0.75rem.
 */
export const GEOMETRY = {
  "flexipage:recordHomeTemplateDesktop": {
    rows: [
      [["header", 1]],
      [
        ["main", 2],
        ["sidebar", 1]
      ]
    ],
    widths: { header: "LARGE", main: "MEDIUM", sidebar: "SMALL" }
  },
  "flexipage:appHomeTemplateHeaderTwoColumnsEqualWidth": {
    rows: [
      [["region1", 1]],
      [
        ["region2", 1],
        ["region3", 1]
      ]
    ],
    widths: { region1: "LARGE", region2: "MEDIUM", region3: "MEDIUM" }
  }
};

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => ["flexiPageRegions", "itemInstances", "componentInstanceProperties"].includes(name)
});

/** "callPanel" → "c-call-panel"; a namespaced or standard component ("force:detailPanel") is not ours. */
const tagOf = (componentName) =>
  componentName.includes(":") ? null : `c-${componentName.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Property values are strings in the flexipage; the component receives numbers and booleans as such. */
const typed = (value) =>
  value === "true" ? true : value === "false" ? false : /^\d+$/.test(value) ? Number(value) : value;

/**
 * A flexipage as the page the browser builds: its template's rows of regions, each with its components.
 * @param {string} relative the flexipage file, relative to the repository
 * @param {{place?: Record<string, string>, props?: Record<string, object>}} [changes] move a component to the top of
 *   another region (as an admin can in Lightning App Builder), or give it properties the page does not set (as
 *   Lightning does: recordId, objectApiName; flexipageRegionWidth comes from the region)
 */
export function flexipagePage(relative, { place = {}, props = {} } = {}) {
  const page = parser.parse(fs.readFileSync(path.join(ROOT, relative), "utf8")).FlexiPage;
  const template = page.template.name;
  const geometry = GEOMETRY[template];
  if (!geometry)
    throw new Error(`${relative}: no page geometry for template ${template} in test/ui/pages.mjs`);
  const known = TEMPLATES[template]?.regions ?? [];
  const components = new Map();
  for (const region of page.flexiPageRegions.filter((r) => r.type === "Region")) {
    if (!known.includes(region.name))
      throw new Error(`${relative}: template ${template} has no region ${region.name}`);
    for (const item of region.itemInstances ?? []) {
      const instance = item.componentInstance;
      if (!instance) continue;
      const name = instance.componentName;
      const region_ = place[name] ?? region.name;
      components.set(instance.identifier ?? name, {
        name,
        moved: region_ !== region.name,
        tag: tagOf(name),
        region: region_,
        props: {
          ...Object.fromEntries(
            (instance.componentInstanceProperties ?? []).map((p) => [p.name, typed(p.value)])
          ),
          ...(tagOf(name) ? { flexipageRegionWidth: geometry.widths[region_] } : {}),
          ...(props[name] ?? {})
        }
      });
    }
  }
  const rows = geometry.rows.map((row) =>
    row.map(([name, share]) => ({
      name,
      share,
      // A component moved into a region goes to its top, where an admin drops what should be seen first.
      components: [...components.values()]
        .filter((c) => c.region === name)
        .sort((a, b) => Number(b.moved) - Number(a.moved))
    }))
  );
  return { file: relative, label: page.masterLabel, type: page.type, template, rows };
}
