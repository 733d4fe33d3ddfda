/**
 * Task automation of Call Capture: a callback Task closed anywhere (not only through the call panel) stamps its call's
 * Callback_Completed_At__c, a reassigned callback keeps its call's Callback_Owner__c, and a callback or outbound call
 * logged for a caller stamps speed to lead on the caller's unanswered calls, so callback SLA and speed-to-lead reports
 * are true (CallbackTaskCompletion).
 */
trigger TaskTrigger on Task(after insert, after update) {
  CallbackTaskCompletion.stamp(Trigger.new, Trigger.oldMap);
}
