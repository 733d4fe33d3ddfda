/**
 * Wakes the webhook inbox processing when the Site stored an event. Runs as the user a PlatformEventSubscriberConfig
 * names (docs/direct-webhooks.md); as the default Automated Process user it only marks the events as waiting.
 */
trigger WebhookReceivedTrigger on Webhook_Received__e(after insert) {
  WebhookInboxProcessor.processPending();
}
