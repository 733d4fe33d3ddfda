/**
 * Call sharing of Call Capture: when a Contact's owner changes, its calls are shared with the new owner instead of the
 * old one (CallSharingRecalculation.ownersChanged, docs/security/sharing.md). No query when no owner changed.
 */
trigger ContactCallSharingTrigger on Contact(after update) {
  CallSharingRecalculation.ownersChanged(Call__c.Contact__c, Trigger.new, Trigger.oldMap);
}
