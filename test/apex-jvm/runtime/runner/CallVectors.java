package runner;

import apex.CallAnalysis;
import apex.CallIntelligence;
import apex.CallPrivacy;
import apex.CallWork;
import apex.CaptureConfigSelector;
import apex.Capture_Setting__mdt;
import apex.IntelligenceEngine;
import apex.IntelligenceInput;
import rt.ApexList;
import rt.ApexMap;

/**
 * Cases that carry a whole call (`call`: the API's call object, `transcript` as text or as turns
 * `{speaker, role, text, startMs}`, a `summary`, a `disposition`, the sender's `intelligence`) go through
 * intake's own translated code, as a posted call does: CallPrivacy.apply (consent, storage, flattening the
 * turns, card redaction), then the engine on the input intake's intelligence stage builds (CallAnalysis.inputOf:
 * the call's startedAt + durationSeconds as the moment it was received, the sender's intelligence), with the
 * configured settings and rules.
 */
final class CallVectors {
  private CallVectors() {}

  static boolean isCall(ApexMap<String, Object> vector) {
    return vector.containsKey("call");
  }

  /** The call as a sender posts it: the case's `call` object plus a callId. */
  @SuppressWarnings("unchecked")
  static ApexMap<String, Object> payloadOf(ApexMap<String, Object> vector) {
    Object call = vector.get("call");
    if (!(call instanceof ApexMap)) {
      throw new IllegalArgumentException("case " + vector.get("name") + ": call is not a JSON object");
    }
    ApexMap<String, Object> payload = new ApexMap<>((ApexMap<String, Object>) call);
    if (!payload.containsKey("callId")) payload.put("callId", "vector-" + vector.get("name"));
    return payload;
  }

  /** Intake's privacy and intelligence stages on one call, with the settings given. */
  static CallIntelligence analyze(ApexMap<String, Object> payload, Capture_Setting__mdt settings, int index) {
    Capture_Setting__mdt previous = CaptureConfigSelector.mockSettings;
    CaptureConfigSelector.mockSettings = settings;
    try {
      CallWork work = new CallWork(index, (String) payload.get("callId"), payload);
      new CallPrivacy(settings).apply(work, payload);
      IntelligenceInput input = CallAnalysis.inputOf(work);
      return new IntelligenceEngine().analyze(ApexList.of(input)).get(0);
    } finally {
      CaptureConfigSelector.mockSettings = previous;
    }
  }

  /**
   * A call case's expectations in the keys IntelligenceVectors_Tests.mismatches compares: a `budget` object
   * ({amount, min, max}, or null for none) becomes budgetAmount, budgetMin and budgetMax.
   */
  @SuppressWarnings("unchecked")
  static ApexMap<String, Object> textExpectations(ApexMap<String, Object> expect) {
    if (!expect.containsKey("budget")) return expect;
    ApexMap<String, Object> out = expect.clone();
    Object budget = out.remove("budget");
    if (budget == null) {
      out.put("budgetAmount", null);
    } else {
      ApexMap<String, Object> parts = (ApexMap<String, Object>) budget;
      if (parts.containsKey("amount")) out.put("budgetAmount", parts.get("amount"));
      if (parts.containsKey("min")) out.put("budgetMin", parts.get("min"));
      if (parts.containsKey("max")) out.put("budgetMax", parts.get("max"));
    }
    return out;
  }
}
