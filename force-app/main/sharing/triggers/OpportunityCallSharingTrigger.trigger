/**
 * Call sharing of Call Capture: when a Opportunity's owner changes, its calls are shared with the new owner instead of the
 * old one (CallSharingRecalculation.ownersChanged, docs/security/sharing.md). No query when no owner changed.
 */
trigger OpportunityCallSharingTrigger on Opportunity(after update) {
  CallSharingRecalculation.ownersChanged(Call__c.Opportunity__c, Trigger.new, Trigger.oldMap);
}
