/**
 * Lead automation of Call Capture: keeps the phone keys in step with Phone and MobilePhone.
 */
trigger LeadTrigger on Lead(before insert, before update) {
  PhoneKeyMaintainer.onSave(Trigger.new);
}
