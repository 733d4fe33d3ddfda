// The page's entry: a Lightning Experience page built from the scenario's flexipage (page.js), with our components
// mounted in their regions the way Lightning mounts them; or, for a scenario without a page, the components alone.
// One document shows one scenario after another (run.mjs calls window.__SHOW_SCENARIO__): SLDS and the bundle are
// parsed and styled once per tab, and each scenario starts from the document as it was before the first one.
import "@lwc/synthetic-shadow";
import { createElement } from "lwc";
import CallPanel from "c/callPanel";
import CallCaptureHealth from "c/callCaptureHealth";
import CallAttentionList from "c/callAttentionList";
import CallRuleTester from "c/callRuleTester";
import CallMaintenance from "c/callMaintenance";
import CallWebhookSetup from "c/callWebhookSetup";
import { buildPage } from "./page";
import { componentBoxes, layoutFindings } from "./layout";
import { liveAdapterCount } from "./apex";
import { subscriptionCount } from "./empApi";

const COMPONENTS = {
  "c-call-panel": CallPanel,
  "c-call-capture-health": CallCaptureHealth,
  "c-call-attention-list": CallAttentionList,
  "c-call-rule-tester": CallRuleTester,
  "c-call-maintenance": CallMaintenance,
  "c-call-webhook-setup": CallWebhookSetup
};

function mount(tag, props) {
  if (!COMPONENTS[tag]) {
    throw new Error(`the page names ${tag}, which test/ui/browser/main.js does not know`);
  }
  const element = createElement(tag, { is: COMPONENTS[tag] });
  Object.assign(element, props || {});
  element.addEventListener("lightning__showtoast", (event) => {
    window.__TOASTS__ = [...(window.__TOASTS__ || []), event.detail];
  });
  return element;
}

window.__LAYOUT_FINDINGS__ = layoutFindings;
window.__COMPONENT_BOXES__ = componentBoxes;

/** Shows a scenario (its JSON, as run.mjs gives it: page, record, Apex answers) in this document. */
window.__SHOW_SCENARIO__ = (json) => {
  window.__SCENARIO__ = JSON.parse(json);
  const { layout, recordView, components, plantedStyle } = window.__SCENARIO__;
  if (plantedStyle) {
    // A planted defect (scenarios.mjs PLANTED): CSS the components once had.
    const style = document.createElement("style");
    style.dataset.planted = "";
    style.textContent = plantedStyle;
    document.head.append(style);
  }
  if (layout) {
    buildPage(layout, recordView, mount);
  } else {
    const root = document.getElementById("root");
    for (const { tag, props } of components) root.append(mount(tag, props));
  }
};

/** Takes the scenario away: the document is again as it was before the first one, or this says what is left. */
window.__CLEAR_SCENARIO__ = () => {
  const root = document.getElementById("root");
  // Removing the components runs their disconnectedCallback, as leaving a Lightning page does.
  root.replaceChildren();
  root.removeAttribute("class");
  for (const style of document.querySelectorAll("style[data-planted]")) style.remove();
  for (const element of [...document.body.children]) {
    if (!pristine.bodyChildren.includes(element)) element.remove();
  }
  const left = [];
  for (const name of Object.getOwnPropertyNames(window)) {
    if (!pristine.globals.has(name) && !Reflect.deleteProperty(window, name)) left.push(`the global ${name}`);
  }
  document.activeElement?.blur();
  window.getSelection()?.removeAllRanges();
  window.scrollTo(0, 0);
  if (document.body.innerHTML !== pristine.body) left.push("markup in the body");
  if (liveAdapterCount() > 0) left.push(`${liveAdapterCount()} Apex wire adapter(s)`);
  if (subscriptionCount() > 0) left.push(`${subscriptionCount()} streaming subscription(s)`);
  if (left.length) throw new Error(`the scenario left ${left.join(", ")} behind`);
};

// The document before any scenario: the globals it has (what a scenario adds, __TOASTS__, __SEEKS__, …, goes) and the
// body's markup (what a scenario leaves in it, an overlay a base component appended to the body, goes). axe is loaded
// before this module (run.mjs's page), so it is part of it.
const pristine = {
  globals: new Set(Object.getOwnPropertyNames(window)),
  body: document.body.innerHTML,
  bodyChildren: [...document.body.children]
};
