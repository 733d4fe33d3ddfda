// Stand-in for lightning/empApi: the scenario says whether streaming is available (page.emp === false
// turns it off); run.mjs delivers an event with window.__EMP_PUBLISH__(channel, payload).
import { scenario } from "./scenario";

const subscriptions = new Map();

export function isEmpEnabled() {
  return Promise.resolve(scenario().emp !== false);
}

export function onError() {
  return Promise.resolve();
}

export function subscribe(channel, replayId, callback) {
  const subscription = { id: subscriptions.size + 1, channel, replayId };
  subscriptions.set(subscription.id, { channel, callback });
  window.__EMP_SUBSCRIPTIONS__ = [...subscriptions.values()].map((each) => each.channel);
  return Promise.resolve(subscription);
}

export function unsubscribe(subscription, callback) {
  subscriptions.delete(subscription.id);
  window.__EMP_SUBSCRIPTIONS__ = [...subscriptions.values()].map((each) => each.channel);
  if (callback) callback({ successful: true });
  return Promise.resolve(true);
}

/** Subscriptions still open: none once a scenario's components are gone (main.js checks). */
export function subscriptionCount() {
  return subscriptions.size;
}

window.__EMP_PUBLISH__ = (channel, payload) => {
  for (const each of subscriptions.values()) {
    if (each.channel === channel) each.callback({ channel, data: { event: { replayId: 1 }, payload } });
  }
};
