/**
 * Turns the errors that Apex, LDS and JavaScript raise into plain messages, so every Call Capture
 * component shows errors the same way (through c-call-error-panel).
 */

function messagesOf(error) {
  const body = error.body;
  // UI API read errors: a list of { message }
  if (Array.isArray(body)) {
    return body.map((entry) => entry.message);
  }
  if (body) {
    // UI API DML errors carry field and page errors in output
    const output = body.output;
    if (output) {
      const fieldMessages = Object.values(output.fieldErrors || {})
        .flat()
        .map((entry) => entry.message);
      const pageMessages = (output.errors || []).map((entry) => entry.message);
      if (fieldMessages.length || pageMessages.length) {
        return [...pageMessages, ...fieldMessages];
      }
    }
    // Apex (AuraHandledException), UI API and network errors
    if (typeof body.message === "string") {
      return [body.message];
    }
  }
  // JavaScript errors
  if (typeof error.message === "string") {
    return [error.message];
  }
  // Unknown shape: the HTTP status text is better than nothing
  return [error.statusText];
}

/**
 * Reduces one or more errors to a list of distinct, non-empty messages.
 * @param {object|object[]} errors errors from a wire adapter, an Apex call or JavaScript
 * @returns {string[]} the messages
 */
export function reduceErrors(errors) {
  const list = Array.isArray(errors) ? errors : [errors];
  const messages = list.filter((error) => !!error).flatMap(messagesOf);
  return [...new Set(messages.filter((message) => !!message))];
}
