/**
 * Contact automation of Call Capture: keeps the phone keys in step with Phone and MobilePhone.
 */
trigger ContactTrigger on Contact(before insert, before update) {
  PhoneKeyMaintainer.onSave(Trigger.new);
}
