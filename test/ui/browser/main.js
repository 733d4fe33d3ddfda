// The page's entry: a Lightning Experience page built from the scenario's flexipage (page.js), with our components
// mounted in their regions the way Lightning mounts them; or, for a scenario without a page, the components alone.
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
import { scenario } from "./scenario";

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

const { layout, recordView, components, plantedStyle } = scenario();
if (plantedStyle) {
  // A planted defect (scenarios.mjs PLANTED): CSS the components once had.
  const style = document.createElement("style");
  style.textContent = plantedStyle;
  document.head.append(style);
}
if (layout) {
  buildPage(layout, recordView, mount);
} else {
  const root = document.getElementById("root");
  for (const { tag, props } of components) root.append(mount(tag, props));
}
window.__LAYOUT_FINDINGS__ = layoutFindings;
window.__COMPONENT_BOXES__ = componentBoxes;
window.__MOUNTED__ = true;
