/**
 * Task automation of Call Capture: a callback Task closed anywhere (not only through the call panel) stamps its
 * call's Callback_Completed_At__c, so callback SLA reports are true.
 */
trigger TaskTrigger on Task(after update) {
  CallbackTaskCompletion.stampClosed(Trigger.new, Trigger.oldMap);
}
