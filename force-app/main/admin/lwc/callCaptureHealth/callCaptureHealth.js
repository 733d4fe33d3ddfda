/**
 * The admin's health page: is Call Capture set up right (settings, rules, mappings, the real integration
 * users' permissions from their own grants, the maintenance jobs) and are calls failing or waiting for
 * review. Labels say whose access each line shows: the integration users', or the signed-in admin's own.
 */
import { LightningElement } from "lwc";
import getHealth from "@salesforce/apex/AdminController.getHealth";
import { absoluteTime } from "c/callFormat";

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
      this.integrationUsersCheck,
      check(
        "permissions",
        "Your own access (the signed-in admin)",
        missing.length === 0 ? "Complete" : `${missing.length} missing`,
        missing.length === 0
      ),
      ...this.maintenanceChecks,
      check("failed", "Failed calls", String(report.failedCount), !report.failedCount),
      check("review", "Calls needing review", String(report.needsReviewCount), !report.needsReviewCount)
    ];
  }

  get integrationUsersCheck() {
    const users = this.report.integrationUsers || [];
    const withGaps = users.filter((user) => (user.missing || []).length > 0).length;
    let value = `${users.length} checked, access complete`;
    if (users.length === 0) {
      value = "None: assign Call Capture Integration to the integration user";
    } else if (withGaps > 0) {
      value = `${withGaps} of ${users.length} lack access: see below`;
    }
    return check(
      "integrationUsers",
      "Integration users' access (users assigned Call Capture Integration)",
      value,
      users.length > 0 && withGaps === 0
    );
  }

  get maintenanceChecks() {
    const maintenance = this.report.maintenance;
    if (!maintenance) {
      return [];
    }
    const retention = maintenance.retention || {};
    const backfill = maintenance.backfill || {};
    let retentionValue = "Off (Retention Days is 0: calls are kept forever)";
    if (retention.scheduled) {
      retentionValue = `${retention.retentionDays} days; next purge ${absoluteTime(retention.nextRunAt)}`;
    } else if (retention.retentionDays > 0) {
      retentionValue = `${retention.retentionDays} days, but the nightly purge is off`;
    }
    let backfillValue = "Never run";
    if (backfill.jobId) {
      backfillValue = `${backfill.status} ${absoluteTime(backfill.completedAt || backfill.startedAt)}`;
    }
    return [
      check("retention", "Retention", retentionValue, retention.scheduled || !(retention.retentionDays > 0)),
      check("backfill", "Phone-key back-fill", backfillValue, Boolean(backfill.jobId))
    ];
  }

  get integrationUsers() {
    return (this.report.integrationUsers || []).map((user) => ({
      key: user.userId,
      title: `${user.name} (${user.username})`,
      grants: [`Profile: ${user.profileName}`, ...(user.permissionSets || [])].join(" · "),
      missing: (user.missing || []).map((text) => ({ key: text, text })),
      complete: (user.missing || []).length === 0
    }));
  }

  get hasIntegrationUsers() {
    return this.integrationUsers.length > 0;
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
