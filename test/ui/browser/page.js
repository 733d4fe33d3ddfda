// A Lightning Experience page around the components: the global header and app navigation, then the flexipage's
// regions laid out as its template does (run.mjs reads them from the project's flexipages, pages.mjs), with the
// standard components Salesforce renders (record highlights, tabs with the record's details) as SLDS stand-ins.
// Built with DOM calls and textContent only.

/** document.createElement with classes, attributes and children (strings become text). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "class") element.className = value;
    else element.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) element.append(child);
  }
  return element;
}

function svgIcon(sprite, name, classes) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("class", classes);
  svg.setAttribute("aria-hidden", "true");
  const use = document.createElementNS("http://www.w3.org/2000/svg", "use");
  use.setAttribute("href", `/assets/icons/${sprite}-sprite/svg/symbols.svg#${name}`);
  svg.append(use);
  return svg;
}

/** The global header and the app's navigation bar, as every Lightning Experience page has them. */
function chrome(app, activeTab, tabs) {
  return [
    h(
      "header",
      { class: "lex-global-header" },
      h("span", { class: "lex-logo" }, "Salesforce"),
      h("span", { class: "lex-search" }, "Search…")
    ),
    h(
      "nav",
      { class: "lex-nav", "aria-label": "App navigation" },
      h("span", { class: "lex-app-name" }, app),
      ...tabs.map((tab) =>
        h("span", { class: tab === activeTab ? "lex-tab lex-tab_active" : "lex-tab" }, tab)
      )
    )
  ];
}

/** force:highlightsPanel: the record's icon, type, name, actions and key fields. */
function highlights(record) {
  return h(
    "div",
    { class: "slds-page-header slds-page-header_record-home" },
    h(
      "div",
      { class: "slds-page-header__row" },
      h(
        "div",
        { class: "slds-page-header__col-title" },
        h(
          "div",
          { class: "slds-media" },
          h(
            "div",
            { class: "slds-media__figure" },
            h(
              "span",
              { class: `slds-icon_container slds-icon-standard-${record.icon}` },
              svgIcon("standard", record.icon, "slds-icon slds-page-header__icon")
            )
          ),
          h(
            "div",
            { class: "slds-media__body" },
            h("span", { class: "slds-text-body_small" }, record.type),
            h("h1", { class: "slds-page-header__title slds-truncate" }, record.name)
          )
        )
      ),
      h(
        "div",
        { class: "slds-page-header__col-actions" },
        h(
          "div",
          { class: "slds-button-group" },
          ...record.actions.map((action) => h("span", { class: "slds-button slds-button_neutral" }, action))
        )
      )
    ),
    h(
      "div",
      { class: "slds-page-header__row slds-page-header__row_gutters" },
      h(
        "div",
        { class: "slds-page-header__col-details" },
        h(
          "ul",
          { class: "slds-page-header__detail-row" },
          ...record.highlights.map(([label, value]) =>
            h(
              "li",
              { class: "slds-page-header__detail-block" },
              h("div", { class: "slds-text-title slds-truncate" }, label),
              h("div", { class: "slds-truncate" }, value)
            )
          )
        )
      )
    )
  );
}

/** flexipage:tabset with force:detailPanel on its first tab: the record's fields in two columns. */
function detailTabs(record) {
  const field = ([label, value]) =>
    h(
      "div",
      { class: "slds-form__item" },
      h(
        "div",
        { class: "slds-form-element slds-form-element_readonly slds-form-element_stacked" },
        h("span", { class: "slds-form-element__label" }, label),
        h(
          "div",
          { class: "slds-form-element__control" },
          h("div", { class: "slds-form-element__static" }, value)
        )
      )
    );
  const rows = [];
  for (let i = 0; i < record.details.length; i += 2) {
    rows.push(h("div", { class: "slds-form__row" }, ...record.details.slice(i, i + 2).map(field)));
  }
  return h(
    "article",
    { class: "slds-card lex-tabset" },
    h(
      "div",
      { class: "slds-tabs_default slds-p-horizontal_medium" },
      h(
        "ul",
        { class: "slds-tabs_default__nav", role: "tablist" },
        ...["Details", "Related"].map((title, index) =>
          h(
            "li",
            { class: `slds-tabs_default__item${index === 0 ? " slds-is-active" : ""}`, role: "presentation" },
            h(
              "span",
              { class: "slds-tabs_default__link", role: "tab", "aria-selected": String(index === 0) },
              title
            )
          )
        )
      ),
      h("div", { class: "slds-tabs_default__content slds-show" }, h("div", { class: "slds-form" }, ...rows))
    )
  );
}

/** What Salesforce renders for a standard component the page names. */
function standardComponent(name, record) {
  if (name === "force:highlightsPanel") return highlights(record);
  if (name === "flexipage:tabset") return detailTabs(record);
  return h("article", { class: "slds-card slds-p-around_medium" }, name);
}

/**
 * Builds the page into the document and mounts our components in their regions.
 * @param {{app:string, tab:string, tabs:string[], rows:object[]}} page the flexipage as pages.mjs reads it, and the
 *   app's navigation (its tabs, the one open)
 * @param {object} record what the standard components show (type, name, icon, actions, highlights, details)
 * @param {(tag:string, props:object) => HTMLElement} mount creates one of our components
 */
export function buildPage(page, record, mount) {
  const body = h("div", { class: "lex-page", "data-template": page.template });
  for (const row of page.rows) {
    const columns = page.autoColumns
      ? row.map(() => "1fr").join(" ")
      : row.map((region) => `minmax(0, ${region.share}fr)`).join(" ");
    const rowElement = h("div", { class: "lex-row", style: `grid-template-columns: ${columns}` });
    for (const region of row) {
      const regionElement = h("div", {
        class: "lex-region",
        "data-region": region.name,
        "data-share": String(region.share)
      });
      for (const component of region.components) {
        const wrapper = h("div", { class: "lex-component", "data-component": component.name });
        wrapper.append(
          component.tag ? mount(component.tag, component.props) : standardComponent(component.name, record)
        );
        regionElement.append(wrapper);
      }
      rowElement.append(regionElement);
    }
    body.append(rowElement);
  }
  const root = document.getElementById("root");
  root.className = "lex-root";
  root.append(...chrome(page.app, page.tab, page.tabs), body);
}
