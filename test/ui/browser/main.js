// The page's entry: mounts the components the scenario names, the way a Lightning page would.
import "@lwc/synthetic-shadow";
import { createElement } from "lwc";
import CallPanel from "c/callPanel";
import CallCaptureHealth from "c/callCaptureHealth";
import CallAttentionList from "c/callAttentionList";
import CallRuleTester from "c/callRuleTester";
import CallMaintenance from "c/callMaintenance";
import { scenario } from "./scenario";

const COMPONENTS = {
  "c-call-panel": CallPanel,
  "c-call-capture-health": CallCaptureHealth,
  "c-call-attention-list": CallAttentionList,
  "c-call-rule-tester": CallRuleTester,
  "c-call-maintenance": CallMaintenance
};

const root = document.getElementById("root");
root.style.gridTemplateColumns = scenario().columns || "1fr";
for (const { tag, props } of scenario().components) {
  const element = createElement(tag, { is: COMPONENTS[tag] });
  Object.assign(element, props || {});
  element.addEventListener("lightning__showtoast", (event) => {
    window.__TOASTS__ = [...(window.__TOASTS__ || []), event.detail];
  });
  const slot = document.createElement("div");
  slot.appendChild(element);
  root.appendChild(slot);
}
window.__MOUNTED__ = true;
