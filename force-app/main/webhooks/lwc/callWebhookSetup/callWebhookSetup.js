/**
 * The admin's Webhooks card: which URL to paste into Retell, Vapi and Twilio (from the org's Sites), their signing
 * secrets (two slots each, for rotation; a secret is sent once and never shown again), Twilio's signed URL and the
 * Vapi assistant, the command that names the processing user, and what waits, failed or was ignored in the inbox.
 */
import { LightningElement } from "lwc";
import getSetup from "@salesforce/apex/WebhookSetupController.getSetup";
import setSecret from "@salesforce/apex/WebhookSetupController.setSecret";
import clearSecret from "@salesforce/apex/WebhookSetupController.clearSecret";
import setOptions from "@salesforce/apex/WebhookSetupController.setOptions";
import processPendingNow from "@salesforce/apex/WebhookSetupController.processPendingNow";
import retryFailed from "@salesforce/apex/WebhookSetupController.retryFailed";
import { absoluteTime } from "c/callFormat";
import { loadCard, runCardAction } from "c/callAdminCardData";

const VENDOR_LABELS = { retell: "Retell", vapi: "Vapi", twilio: "Twilio" };
const SECRET_HELP = {
  retell: "The Retell API key that has the webhook badge.",
  vapi: "The secret of the Vapi credential (x-vapi-secret header, or HMAC with its default settings).",
  twilio: "The Twilio Auth Token (or a Webhooks Rule's shared key)."
};

function slotText(isSet, setAt) {
  return isSet ? `set ${setAt ? absoluteTime(setAt) : ""}`.trim() : "not set";
}

export default class CallWebhookSetup extends LightningElement {
  setup;
  error;
  actionError;
  busy = false;
  chosenSite;
  chosenUser;
  drafts = {};

  connectedCallback() {
    this.load();
  }

  load() {
    return loadCard(this, getSetup);
  }

  show(setup) {
    this.setup = setup;
    const sites = setup.sites || [];
    if (!sites.some((site) => site.url === this.chosenSite)) {
      this.chosenSite = sites.length ? sites[0].url : undefined;
    }
    const users = setup.processingUsers || [];
    if (!users.some((user) => user.id === this.chosenUser)) {
      this.chosenUser = users.length ? users[0].id : undefined;
    }
  }

  run(action) {
    return runCardAction(this, action);
  }

  get isLoading() {
    return !this.setup && !this.error;
  }

  get siteOptions() {
    return (this.setup.sites || []).map((site) => ({
      label: `${site.name} (${site.url})`,
      value: site.url,
      selected: site.url === this.chosenSite
    }));
  }

  get hasSites() {
    return (this.setup.sites || []).length > 0;
  }

  get vendors() {
    return (this.setup.vendors || []).map((vendor) => ({
      ...vendor,
      label: VENDOR_LABELS[vendor.vendor] || vendor.vendor,
      help: SECRET_HELP[vendor.vendor],
      url: this.chosenSite ? `${this.chosenSite}${this.setup.webhookPath}${vendor.vendor}` : "",
      slot1: slotText(vendor.secret1Set, vendor.secret1SetAt),
      slot2: slotText(vendor.secret2Set, vendor.secret2SetAt),
      clear1Disabled: this.busy || !vendor.secret1Set,
      clear2Disabled: this.busy || !vendor.secret2Set,
      isTwilio: vendor.vendor === "twilio",
      isVapi: vendor.vendor === "vapi",
      hasOption: vendor.vendor === "twilio" || vendor.vendor === "vapi",
      secretId: `secret-${vendor.vendor}`,
      secretKey: `secret:${vendor.vendor}`,
      optionId: `option-${vendor.vendor}`,
      optionKey: `option:${vendor.vendor}`
    }));
  }

  get userOptions() {
    return (this.setup.processingUsers || []).map((user) => ({
      label:
        user.missing && user.missing.length ? `${user.name} (lacks: ${user.missing.join("; ")})` : user.name,
      value: user.id,
      selected: user.id === this.chosenUser
    }));
  }

  get hasUsers() {
    return (this.setup.processingUsers || []).length > 0;
  }

  /** The Tooling API record that names the trigger's running user (docs/direct-webhooks.md, step 6). */
  get subscriberCommand() {
    const values = [
      "DeveloperName=CallCaptureWebhooks",
      "MasterLabel=CallCaptureWebhooks",
      `PlatformEventConsumerId=${this.setup.triggerId || "<WebhookReceivedTrigger id>"}`,
      `UserId=${this.chosenUser || "<integration user id>"}`,
      "BatchSize=20"
    ];
    return `sf data create record --use-tooling-api --sobject PlatformEventSubscriberConfig --values "${values.join(" ")}" --target-org <your org>`;
  }

  get health() {
    return this.setup.health || {};
  }

  get pendingText() {
    const health = this.health;
    if (!health.pending) {
      return "Nothing waits.";
    }
    const since = health.oldestPendingAt ? `, the oldest since ${absoluteTime(health.oldestPendingAt)}` : "";
    return `${health.pending} events wait${since}.`;
  }

  get lastProcessedText() {
    const health = this.health;
    if (!health.lastProcessedAt) {
      return "No event processed yet.";
    }
    return `Last processed ${absoluteTime(health.lastProcessedAt)} by ${health.lastProcessedBy || "an unknown user"}.`;
  }

  get lookupsText() {
    const health = this.health;
    if (!health.lookupsCounted) {
      return "Lookups are not counted: allocate Platform Cache capacity to the CallCapture partition.";
    }
    return `Caller lookups in the last 24 hours: ${health.lookupsKnown} known, ${health.lookupsUnknown} unknown callers.`;
  }

  get ignored() {
    return (this.health.ignored || []).map((row) => ({
      key: `${row.vendor}:${row.eventType}`,
      text: `${VENDOR_LABELS[row.vendor] || row.vendor} ${row.eventType}: ${row.count}`
    }));
  }

  get hasIgnored() {
    return this.ignored.length > 0;
  }

  get retryDisabled() {
    return this.busy || !this.health.failed;
  }

  handleRefresh() {
    this.load();
  }

  handleSiteChange(event) {
    this.chosenSite = event.target.value;
  }

  handleUserChange(event) {
    this.chosenUser = event.target.value;
  }

  handleDraft(event) {
    this.drafts = { ...this.drafts, [event.target.dataset.key]: event.target.value };
  }

  handleSaveSecret(event) {
    const { vendor, slot } = event.target.dataset;
    const secret = this.drafts[`secret:${vendor}`];
    return this.run(async () => {
      const setup = await setSecret({ vendor, slot: Number(slot), secret });
      // The secret leaves the page once sent: the field is emptied and nothing keeps it.
      this.drafts = { ...this.drafts, [`secret:${vendor}`]: "" };
      const input = this.template.querySelector(`[data-key="secret:${vendor}"]`);
      if (input) {
        input.value = "";
      }
      return setup;
    });
  }

  handleClearSecret(event) {
    const { vendor, slot } = event.target.dataset;
    return this.run(() => clearSecret({ vendor, slot: Number(slot) }));
  }

  handleSaveOption(event) {
    const { vendor } = event.target.dataset;
    const current = (this.setup.vendors || []).find((row) => row.vendor === vendor) || {};
    const value = this.drafts[`option:${vendor}`];
    return this.run(() =>
      setOptions({
        vendor,
        signedUrl: vendor === "twilio" ? (value ?? current.signedUrl) : null,
        assistantId: vendor === "vapi" ? (value ?? current.assistantId) : null
      })
    );
  }

  handleProcessPending() {
    return this.run(() => processPendingNow());
  }

  handleRetryFailed() {
    return this.run(() => retryFailed());
  }
}
