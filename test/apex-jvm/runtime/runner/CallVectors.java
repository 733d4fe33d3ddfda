package runner;

import apex.CallPrivacy;
import rt.ApexMap;

/**
 * Vectors whose case carries a whole call (`call`: the API's call object, with `transcript` as text or as
 * turns `{speaker, role, text, startMs}` and a `summary`) become the text vector IntelligenceVectors_Tests
 * reads, through intake's own translated code: the transcript is flattened by CallPrivacy as intake does it.
 */
final class CallVectors {
  private CallVectors() {}

  @SuppressWarnings("unchecked")
  static ApexMap<String, Object> asTextVector(ApexMap<String, Object> vector) {
    Object callValue = vector.get("call");
    if (callValue == null) return vector;
    if (!(callValue instanceof ApexMap)) throw new IllegalArgumentException("case " + vector.get("name") + ": call is not an object");
    ApexMap<String, Object> call = (ApexMap<String, Object>) callValue;
    ApexMap<String, Object> text = vector.clone();
    text.remove("call");
    text.put("transcript", CallPrivacy.flattenTranscript(call.get("transcript")));
    text.put("summary", call.get("summary"));
    if (call.containsKey("disposition") && !vector.containsKey("disposition")) text.put("disposition", call.get("disposition"));
    return text;
  }
}
