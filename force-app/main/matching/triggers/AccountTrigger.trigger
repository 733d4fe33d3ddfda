/**
 * Account automation of Call Capture: keeps the phone keys of person accounts' contacts in step with Phone and
 * PersonMobilePhone (saving a person account fires Account triggers, not Contact triggers). Before-save, so the
 * keys ride along with the save: no SOQL, no DML, and a no-op for business accounts and in orgs without Person
 * Accounts.
 */
trigger AccountTrigger on Account(before insert, before update) {
  PersonAccountPhoneKeys.applyKeys(Trigger.new);
}
