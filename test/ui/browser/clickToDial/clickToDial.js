// Stand-in for lightning-click-to-dial, which the open-source base components do not ship. Like the real
// component without a softphone, it renders the number as a tel: link (with a softphone configured it
// dials through Open CTI instead, which cannot run here).
import { LightningElement, api } from "lwc";

export default class ClickToDial extends LightningElement {
  @api value;
  @api recordId;
  @api params;

  get href() {
    return `tel:${(this.value || "").replace(/[^\d+]/g, "")}`;
  }
}
