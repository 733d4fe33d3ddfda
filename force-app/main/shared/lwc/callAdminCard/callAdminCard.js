/**
 * The one frame of the admin app's cards (health, maintenance, webhooks): a lightning-card with its title and
 * icon, a Refresh button that fires `refresh` (disabled while loading), the loading spinner and load error
 * through c-call-card-state, the error of the last action above the content, and the content in the default slot.
 *
 * The owner loads and refreshes its own data (the shell holds none): it listens to `onrefresh`, and keeps content
 * that reads loaded data inside its own lwc:if, as with c-call-card-state.
 */
import { LightningElement, api } from "lwc";

export default class CallAdminCard extends LightningElement {
  /** The card's heading, e.g. "Maintenance". (`title` is a global HTML attribute, so the property has its own name.) */
  @api cardTitle;
  /** The card's icon, e.g. "standard:maintenance_plan". */
  @api iconName;
  @api loading = false;
  /** What the spinner says to screen readers, e.g. "Loading maintenance jobs". */
  @api loadingText;
  /** The load's errors: shown instead of the content. */
  @api errors;
  /** The load error's headline, e.g. "The maintenance jobs could not be loaded." */
  @api errorMessage;
  /** The last action's errors: shown above the content, which stays. */
  @api actionErrors;
  /** The action error's headline, e.g. "The job could not be changed." */
  @api actionErrorMessage;

  handleRefresh() {
    this.dispatchEvent(new CustomEvent("refresh"));
  }
}
