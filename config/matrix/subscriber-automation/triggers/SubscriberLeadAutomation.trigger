/**
 * Subscriber automation for the Apex test matrix: a Lead trigger of the org's own that costs CPU, about 2 ms per
 * Lead saved, so the package's tests run beside automation as they do in a customer's org.
 */
trigger SubscriberLeadAutomation on Lead(before insert, before update) {
  Integer until = Limits.getCpuTime() + 2 * Trigger.new.size();
  Integer spins = 0;
  while (Limits.getCpuTime() < until) {
    spins++;
  }
}
