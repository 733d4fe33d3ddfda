// Flexipage templates and regions: a Lightning page may only use a template Salesforce documents or ships, and put
// components only in the template's regions (type Region; a Facet is named by the page itself). The Metadata API
// schema accepts any template name, so a wrong one passes every schema check and fails the deploy. Salesforce's
// documentation names no template API names, so each row's evidence is a page Salesforce ships in its sample apps
// (trailheadapps, at the commit named), which deploys. To add a template, add a row with such evidence.
import { list, str } from "./project.mjs";

/** Each repository at the commit the evidence names, with the folder holding its flexipages/. */
const REPOSITORIES = {
  "lwc-recipes": "trailheadapps/lwc-recipes@3c27819dc25bac8827c3220c1ca4678529f49930 force-app/main/default",
  "dreamhouse-lwc":
    "trailheadapps/dreamhouse-lwc@9f41bfff59de2a4598a432576a580a44837ef84e force-app/main/default",
  "coral-cloud": "trailheadapps/coral-cloud@a25e9acba9b498ee739b513b2a4e0113fd556529 cc-base-app/main/default"
};
// template, page type, its Region names, and the repository and page that use it
const ROWS = `
flexipage:recordHomeTemplateDesktop                 RecordPage header,main,sidebar             coral-cloud    Experience_Instance_Record_Page
flexipage:recordHomeLeftSidebarTemplateDesktop      RecordPage header,main,sidebar             coral-cloud    Contact_Record_Page
flexipage:defaultAppHomeTemplate                    AppPage    main                            lwc-recipes    Datatable
flexipage:appHomeTemplateHeaderThreeColumns         AppPage    region1,region2,region3,region4 lwc-recipes    Apex
flexipage:appHomeTemplateHeaderTwoColumnsEqualWidth AppPage    region1,region2,region3         dreamhouse-lwc Settings
flexipage:appHomeTemplateThreeColumns               AppPage    region1,region2,region3         lwc-recipes    Light_DOM
flexipage:appHomeTemplateTwoColumnsStacked          AppPage    region1,region2,region3         lwc-recipes    Refresh_View
flexipage:appHomeTemplateTwoColumns                 AppPage    column1,column2                 lwc-recipes    Dynamic_Interactions
one:utilityBarTemplateDesktop                       UtilityBar utilityItems                    coral-cloud    Coral_Cloud_UtilityBar`;

/** template -> page type, Region names, evidence (repository@commit path). */
export const TEMPLATES = Object.fromEntries(
  ROWS.trim()
    .split("\n")
    .map((row) => {
      const [template, pageType, regions, repository, page] = row.split(/\s+/);
      const evidence = `${REPOSITORIES[repository]}/flexipages/${page}.flexipage-meta.xml`;
      return [template, { pageType, regions: regions.split(","), evidence }];
    })
);

export function checkFlexipageTemplates({ ofType, flag }) {
  for (const { file, def: page } of ofType("FlexiPage").filter(({ def }) => def)) {
    const [template, pageType] = [str(page.template?.name), str(page.type)];
    const known = TEMPLATES[template];
    /** Reports at the <name> of the template or region. */
    const at = (name, message) => flag(file, `<name>${name}</name>`, message);
    if (!known) {
      const names = Object.keys(TEMPLATES).join(", ");
      const add = "add one to scripts/check/flexipage-templates.mjs with the Salesforce page that uses it";
      at(template, `template ${template} is not one Salesforce documents or ships (known: ${names}; ${add})`);
      continue;
    }
    if (known.pageType !== pageType)
      at(template, `template ${template} is for page type ${known.pageType}, not ${pageType}`);
    const seen = new Set();
    for (const region of list(page.flexiPageRegions)) {
      const name = str(region.name);
      if (seen.has(name)) at(name, `region ${name} appears twice`);
      seen.add(name);
      if (str(region.type) === "Facet" || known.regions.includes(name)) continue;
      const regions = `${known.regions.join(", ")}; evidence: ${known.evidence}`;
      at(name, `region ${name} is not a region of ${template} (${regions})`);
    }
  }
}
