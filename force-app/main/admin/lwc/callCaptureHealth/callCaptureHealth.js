/**
 * The admin's health page: is Call Capture set up right (settings, rules, mappings, the integration
 * user's permissions) and are calls failing or waiting for review.
 */
import { LightningElement } from "lwc";
import getHealth from "@salesforce/apex/AdminController.getHealth";

function check(key, label, value, ok) {
  return {
    key,
    label,
    value,
    iconName: ok ? "utility:success" : "utility:warning",
    iconText: ok ? "OK" : "Needs attention",
    rowClass: ok ? "check slds-text-color_default" : "check check_problem slds-text-color_error"
  };
}

export default class CallCaptureHealth extends LightningElement {
  report;
  error;
  isLoading = true;

  connectedCallback() {
    this.load();
  }

  async load() {
    this.isLoading = true;
    try {
      this.report = await getHealth();
      this.error = undefined;
    } catch (error) {
      this.error = error;
      this.report = undefined;
    } finally {
      this.isLoading = false;
    }
  }

  handleRefresh() {
    this.load();
  }

  get statusLabel() {
    return this.report.ok ? "Call Capture is healthy" : "Call Capture needs attention";
  }

  get statusIcon() {
    return this.report.ok ? "utility:success" : "utility:warning";
  }

  get statusClass() {
    return this.report.ok
      ? "status slds-scoped-notification slds-theme_success slds-media slds-media_center"
      : "status slds-scoped-notification slds-theme_warning slds-media slds-media_center";
  }

  get statusIconVariant() {
    return this.report.ok ? "inverse" : "";
  }

  get versionLabel() {
    const namespace = this.report.namespace ? ` · namespace ${this.report.namespace}` : "";
    return `API ${this.report.version}${namespace}`;
  }

  get checks() {
    const report = this.report;
    const missing = report.missingPermissions || [];
    return [
      check(
        "settings",
        "Settings",
        report.settingsValid ? "Valid" : "Invalid: see the problems below",
        report.settingsValid
      ),
      check("rules", "Active intelligence rules", String(report.activeRules), report.activeRules > 0),
      check("mappings", "Active field mappings", String(report.activeMappings), true),
      check(
        "permissions",
        "Integration user permissions",
        missing.length === 0 ? "Complete" : `${missing.length} missing`,
        missing.length === 0
      ),
      check("failed", "Failed calls", String(report.failedCount), !report.failedCount),
      check("review", "Calls needing review", String(report.needsReviewCount), !report.needsReviewCount)
    ];
  }

  get missingPermissions() {
    return (this.report.missingPermissions || []).map((permission) => ({
      key: permission,
      text: permission
    }));
  }

  get hasMissingPermissions() {
    return this.missingPermissions.length > 0;
  }

  get problems() {
    return (this.report.problems || []).map((problem, index) => ({
      key: `p${index}`,
      area: problem.area,
      code: problem.code,
      message: problem.message,
      field: problem.field
    }));
  }

  get hasProblems() {
    return this.problems.length > 0;
  }
}
