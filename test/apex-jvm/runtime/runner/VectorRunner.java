package runner;

import apex.CallIntelligence;
import apex.CaptureConfigSelector;
import apex.Capture_Setting__mdt;
import apex.IntelligenceEngine;
import apex.IntelligenceInput;
import apex.IntelligenceTestRules;
import apex.IntelligenceVectors_Tests;
import apex.Intelligence_Rule__mdt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rt.ApexList;
import rt.ApexMap;
import rt.CountedText;
import rt.Datetime;
import rt.Json;

/**
 * Runs every case of a conformance vectors file through the translated engine, as the vectors' own Apex test
 * does. Text cases (`transcript`, `summary`) run as IntelligenceVectors_Tests runs them: its own settingsFor,
 * inputFor and mismatches (translated from the test class), one engine per case, the file's receivedAt.
 * Call cases (`call`) go through intake (see CallVectors). The judge is IntelligenceVectors_Tests.mismatches,
 * or RealCallVectors_Tests' judge for its file (RealCallJudge). Prints one JSON document: per case its
 * problems, a right/wrong per field of the five, the values found, the highest regex reads, or the error.
 * Usage: VectorRunner <vectors.json> <test|shipped> <text|realcall> [<metadata-records.json>]
 */
public final class VectorRunner {
  /** The five fields of the accuracy table and the expected keys that make each up. */
  private static final Map<String, List<String>> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("urgency", List.of("urgency"));
    FIELDS.put("callbackRequested", List.of("callbackRequested"));
    FIELDS.put("serviceInterest", List.of("serviceInterest"));
    FIELDS.put("budget", List.of("budgetAmount", "budgetMin", "budgetMax", "budgetCurrency"));
    FIELDS.put("timeline", List.of("timeline"));
  }

  /** How a vectors file's Apex test turns a case into a call and judges the result. */
  interface Judge {
    ApexMap<String, Object> payloadOf(ApexMap<String, Object> vector);

    /** Puts "problems" (list of text) and "fields" (field → right) into out. */
    void judge(ApexMap<String, Object> vector, CallIntelligence result, ApexMap<String, Object> out);

    /** The fields the case states, each wrong (for a case that threw). */
    ApexMap<String, Object> allWrong(ApexMap<String, Object> vector);
  }

  /** IntelligenceVectors_Tests.mismatches, per case and per field. */
  static final class TextJudge implements Judge {
    private final Datetime receivedAt;

    TextJudge(Datetime receivedAt) {
      this.receivedAt = receivedAt;
    }

    @Override
    public ApexMap<String, Object> payloadOf(ApexMap<String, Object> vector) {
      return CallVectors.payloadOf(vector);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void judge(ApexMap<String, Object> vector, CallIntelligence result, ApexMap<String, Object> out) {
      ApexMap<String, Object> expect = CallVectors.textExpectations((ApexMap<String, Object>) vector.get("expect"));
      out.put("problems", IntelligenceVectors_Tests.mismatches(expect, result, receivedAt));
      ApexMap<String, Object> fields = new ApexMap<>();
      for (Map.Entry<String, List<String>> field : FIELDS.entrySet()) {
        ApexMap<String, Object> part = new ApexMap<>();
        for (String key : field.getValue()) {
          if (expect.containsKey(key)) part.put(key, expect.get(key));
        }
        if (!part.isEmpty()) {
          fields.put(field.getKey(), IntelligenceVectors_Tests.mismatches(part, result, receivedAt).isEmpty());
        }
      }
      out.put("fields", fields);
    }

    @Override
    @SuppressWarnings("unchecked")
    public ApexMap<String, Object> allWrong(ApexMap<String, Object> vector) {
      ApexMap<String, Object> expect = CallVectors.textExpectations((ApexMap<String, Object>) vector.get("expect"));
      ApexMap<String, Object> fields = new ApexMap<>();
      for (Map.Entry<String, List<String>> field : FIELDS.entrySet()) {
        for (String key : field.getValue()) {
          if (expect.containsKey(key)) fields.put(field.getKey(), false);
        }
      }
      return fields;
    }
  }

  private VectorRunner() {}

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    String vectorsFile = args[0];
    String rules = args[1];
    boolean realCalls = args[2].equals("realcall");
    ApexMap<String, Object> vectors =
        (ApexMap<String, Object>) Json.deserializeUntyped(Files.readString(Path.of(vectorsFile), StandardCharsets.UTF_8));
    Datetime receivedAt = Datetime.parseIso((String) vectors.get("receivedAt"));
    ApexList<Object> cases = (ApexList<Object>) vectors.get("cases");

    if (rules.equals("shipped")) {
      RunnerSupport.loadMetadataRecords(Path.of(args[3]));
      CaptureConfigSelector.mockRules = null;
    } else {
      CaptureConfigSelector.mockRules = IntelligenceTestRules.rules();
    }
    ApexList<Intelligence_Rule__mdt> ruleList = CaptureConfigSelector.getRules();
    Judge judge = realCalls
        ? (Judge) Class.forName("runner.RealCallJudge").getDeclaredConstructor().newInstance()
        : new TextJudge(receivedAt);
    // RealCallVectors_Tests reads the configured settings, as a fresh install has them; text cases take
    // IntelligenceVectors_Tests' defaults with the case's overrides.
    Capture_Setting__mdt configured = realCalls ? CaptureConfigSelector.getSettings() : null;

    ApexList<Object> results = new ApexList<>();
    int index = 0;
    for (Object entry : cases) {
      results.add(runCase((ApexMap<String, Object>) entry, index++, ruleList, receivedAt, judge, configured));
    }
    ApexMap<String, Object> out = new ApexMap<>();
    out.put("rules", rules);
    out.put("judge", realCalls ? "RealCallVectors_Tests.judge" : "IntelligenceVectors_Tests.mismatches");
    out.put("ruleCount", ruleList.size());
    out.put("cases", results);
    System.out.println(Json.serialize(out));
  }

  private static ApexMap<String, Object> runCase(
      ApexMap<String, Object> vector,
      int index,
      ApexList<Intelligence_Rule__mdt> ruleList,
      Datetime receivedAt,
      Judge judge,
      Capture_Setting__mdt configured) {
    ApexMap<String, Object> out = new ApexMap<>();
    out.put("name", vector.get("name"));
    CountedText.takeMaximum();
    long started = System.nanoTime();
    try {
      Capture_Setting__mdt settings = configured != null ? configured : IntelligenceVectors_Tests.settingsFor(vector);
      CallIntelligence result;
      if (CallVectors.isCall(vector)) {
        result = CallVectors.analyze(judge.payloadOf(vector), settings, index);
      } else {
        IntelligenceEngine engine = new IntelligenceEngine(settings, ruleList);
        IntelligenceInput input = IntelligenceVectors_Tests.inputFor(vector, receivedAt);
        result = engine.analyze(ApexList.of(input)).get(0);
      }
      judge.judge(vector, result, out);
      out.put("actual", actualOf(result));
    } catch (RuntimeException | Error failure) {
      out.put("error", RunnerSupport.describe(failure));
      out.put("fields", judge.allWrong(vector));
    }
    out.put("millis", (System.nanoTime() - started) / 1_000_000L);
    CountedText.Maximum max = CountedText.takeMaximum();
    ApexMap<String, Object> reads = new ApexMap<>();
    reads.put("reads", max.reads);
    reads.put("inputLength", max.inputLength);
    reads.put("pattern", max.pattern);
    out.put("regex", reads);
    return out;
  }

  private static ApexMap<String, Object> actualOf(CallIntelligence result) {
    ApexMap<String, Object> actual = new ApexMap<>();
    actual.put("urgency", result.urgency);
    actual.put("rating", result.rating);
    actual.put("callbackRequested", result.callbackRequested);
    actual.put("serviceInterest", result.serviceInterest);
    actual.put("budgetAmount", result.budgetAmount);
    actual.put("budgetMin", result.budgetMin);
    actual.put("budgetMax", result.budgetMax);
    actual.put("budgetCurrency", result.budgetCurrency);
    actual.put("timeline", result.timeline);
    ApexList<String> rulesUsed = new ApexList<>();
    for (CallIntelligence.Explanation explanation : result.explanations) {
      rulesUsed.add(explanation.kind + ":" + explanation.rule + " \"" + explanation.matched + "\"");
    }
    actual.put("explanations", rulesUsed);
    return actual;
  }
}
