/**
 * Call sharing of Call Capture: a call whose links or owner change is re-shared with the owners of its records
 * (CallSharing, docs/security/sharing.md).
 */
trigger CallSharingTrigger on Call__c(after insert, after update) {
  CallSharing.callsChanged(Trigger.new, Trigger.oldMap);
}
