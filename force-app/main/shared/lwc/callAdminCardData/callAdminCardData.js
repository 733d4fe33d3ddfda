/**
 * How an admin card (inside c-call-admin-card) loads its data and runs its actions, written once. The card has a
 * `show(data)` method that takes what the server answered, and the fields `error` (the load failed: shown instead
 * of the content), `actionError` (the last action failed: shown above the content, which stays) and `busy` (an
 * action runs: the card disables its buttons).
 */

/** Loads the card's data; a failed load keeps what was shown and sets `error`, a good one clears it. */
export async function loadCard(card, fetchData) {
  try {
    card.show(await fetchData());
    card.error = undefined;
  } catch (error) {
    card.error = error;
  }
}

/** Runs an action that answers the card's new data; `busy` while it runs, its failure in `actionError`. */
export async function runCardAction(card, action) {
  card.busy = true;
  try {
    card.show(await action());
    card.actionError = undefined;
  } catch (error) {
    card.actionError = error;
  } finally {
    card.busy = false;
  }
}
