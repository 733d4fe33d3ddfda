/**
 * Call sharing of Call Capture: when a Lead's owner changes, its calls are shared with the new owner instead of the
 * old one (CallSharingRecalculation.ownersChanged, docs/security/sharing.md). No query when no owner changed.
 */
trigger LeadCallSharingTrigger on Lead(after update) {
  CallSharingRecalculation.ownersChanged(Call__c.Lead__c, Trigger.new, Trigger.oldMap);
}
