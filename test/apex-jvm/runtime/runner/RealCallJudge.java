package runner;

import apex.CallIntelligence;
import apex.RealCallVectors_Tests;
import rt.ApexList;
import rt.ApexMap;

/**
 * Judges real-call vectors with RealCallVectors_Tests' own translated judge: a field in a case's knownMiss is
 * reported, not failed, and a known miss that comes out right fails. The per-field accuracy is the same judge
 * on the case without its knownMiss list, so it counts what is right, known or not. Compiled only when the
 * project has RealCallVectors_Tests (see run-vectors.mjs).
 */
final class RealCallJudge implements VectorRunner.Judge {
  @Override
  public ApexMap<String, Object> payloadOf(ApexMap<String, Object> vector) {
    return RealCallVectors_Tests.callPayload(vector);
  }

  @Override
  public void judge(ApexMap<String, Object> vector, CallIntelligence result, ApexMap<String, Object> out) {
    RealCallVectors_Tests.Verdict verdict = RealCallVectors_Tests.judge(vector, result);
    out.put("problems", verdict.failures);
    out.put("knownMisses", verdict.knownMisses);
    ApexMap<String, Object> withoutKnown = vector.clone();
    withoutKnown.remove("knownMiss");
    ApexList<String> right = RealCallVectors_Tests.judge(withoutKnown, result).rightFields;
    ApexMap<String, Object> fields = new ApexMap<>();
    for (String field : RealCallVectors_Tests.FIELDS) fields.put(field, right.contains(field));
    out.put("fields", fields);
  }

  @Override
  public ApexMap<String, Object> allWrong(ApexMap<String, Object> vector) {
    ApexMap<String, Object> fields = new ApexMap<>();
    for (String field : RealCallVectors_Tests.FIELDS) fields.put(field, false);
    return fields;
  }
}
