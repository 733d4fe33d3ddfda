/**
 * Call sharing of Call Capture: when a Account's owner changes, its calls are shared with the new owner instead of the
 * old one (CallSharingRecalculation.ownersChanged, docs/security/sharing.md). No query when no owner changed.
 */
trigger AccountCallSharingTrigger on Account(after update) {
  CallSharingRecalculation.ownersChanged(Call__c.Account__c, Trigger.new, Trigger.oldMap);
}
