/**
 * Account automation of Call Capture: keeps the phone keys of person accounts' contacts in step with Phone and
 * PersonMobilePhone (saving a person account fires Account triggers, not Contact triggers). Before save the keys
 * ride along with the save; after save, only person accounts whose before trigger did not run (lead conversion
 * without "validation and triggers for lead conversion") are updated. No SOQL, and a no-op for business accounts
 * and in orgs without Person Accounts.
 */
trigger AccountTrigger on Account(before insert, before update, after insert, after update) {
  PersonAccountPhoneKeys.maintain(Trigger.new, Trigger.operationType);
}
