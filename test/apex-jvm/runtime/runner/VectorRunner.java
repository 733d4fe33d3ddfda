package runner;

import apex.CallIntelligence;
import apex.CaptureConfigSelector;
import apex.Capture_Setting__mdt;
import apex.IntelligenceEngine;
import apex.IntelligenceInput;
import apex.IntelligenceTestRules;
import apex.IntelligenceVectors_Tests;
import apex.Intelligence_Rule__mdt;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rt.ApexList;
import rt.ApexMap;
import rt.CountedText;
import rt.CustomMetadata;
import rt.Datetime;
import rt.Json;

/**
 * Runs every case of a conformance vectors file through the translated IntelligenceEngine exactly as
 * IntelligenceVectors_Tests does: its own settingsFor, inputFor and mismatches (translated from the test
 * class), one engine per case, the file's receivedAt. Prints one JSON document: per case its problems, a
 * right/wrong per field of the five, the values found, the highest regex reads, or the error it threw.
 * Usage: VectorRunner <vectors.json> <test|shipped> [<metadata-records.json>]
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

  private VectorRunner() {}

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    String vectorsFile = args[0];
    String rules = args[1];
    ApexMap<String, Object> vectors =
        (ApexMap<String, Object>) Json.deserializeUntyped(Files.readString(Path.of(vectorsFile), StandardCharsets.UTF_8));
    Datetime receivedAt = Datetime.parseIso((String) vectors.get("receivedAt"));
    ApexList<Object> cases = (ApexList<Object>) vectors.get("cases");

    if (rules.equals("shipped")) {
      MetadataRecords.load(Path.of(args[2]));
      CaptureConfigSelector.mockRules = null;
    } else {
      CaptureConfigSelector.mockRules = IntelligenceTestRules.rules();
    }
    ApexList<Intelligence_Rule__mdt> ruleList = CaptureConfigSelector.getRules();

    ApexList<Object> results = new ApexList<>();
    for (Object entry : cases) {
      results.add(runCase((ApexMap<String, Object>) entry, ruleList, receivedAt));
    }
    ApexMap<String, Object> out = new ApexMap<>();
    out.put("rules", rules);
    out.put("ruleCount", ruleList.size());
    out.put("cases", results);
    System.out.println(Json.serialize(out));
  }

  @SuppressWarnings("unchecked")
  private static ApexMap<String, Object> runCase(
      ApexMap<String, Object> vector, ApexList<Intelligence_Rule__mdt> ruleList, Datetime receivedAt) {
    ApexMap<String, Object> out = new ApexMap<>();
    out.put("name", vector.get("name"));
    ApexMap<String, Object> expect = (ApexMap<String, Object>) vector.get("expect");
    CountedText.takeMaximum();
    long started = System.nanoTime();
    try {
      ApexMap<String, Object> input = CallVectors.asTextVector(vector);
      Capture_Setting__mdt settings = IntelligenceVectors_Tests.settingsFor(input);
      IntelligenceEngine engine = new IntelligenceEngine(settings, ruleList);
      IntelligenceInput callInput = IntelligenceVectors_Tests.inputFor(input, receivedAt);
      CallIntelligence result = engine.analyze(ApexList.of(callInput)).get(0);
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
      out.put("actual", actualOf(result));
    } catch (RuntimeException | Error failure) {
      out.put("error", describe(failure));
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

  /** An exception with the generated frames (apex.*), which the Node runner maps back to Apex lines. */
  static ApexMap<String, Object> describe(Throwable failure) {
    ApexMap<String, Object> error = new ApexMap<>();
    error.put("type", failure.getClass().getName());
    error.put("message", String.valueOf(failure.getMessage()));
    error.put("uncatchable", failure instanceof Error);
    ApexList<String> frames = new ApexList<>();
    for (StackTraceElement frame : failure.getStackTrace()) {
      if (frame.getClassName().startsWith("apex.")) {
        String topClass = frame.getClassName().substring(5).replaceAll("\\$.*", "");
        frames.add(topClass + ":" + frame.getLineNumber() + ":" + frame.getMethodName());
      }
    }
    error.put("frames", frames);
    return error;
  }

  /** JSON numbers of a metadata record as Decimal, as Number fields are. */
  static Object decimalIfNumber(Object value) {
    if (value instanceof Integer || value instanceof Long) return new BigDecimal(value.toString());
    return value;
  }

  /** Custom metadata records from the JSON the Node runner writes from the project's .md-meta.xml files. */
  static final class MetadataRecords {
    private MetadataRecords() {}

    @SuppressWarnings("unchecked")
    static void load(Path file) throws Exception {
      ApexMap<String, Object> byType =
          (ApexMap<String, Object>) Json.deserializeUntyped(Files.readString(file, StandardCharsets.UTF_8));
      for (String type : byType.keySet()) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Object record : (ApexList<Object>) byType.get(type)) {
          Map<String, Object> values = new LinkedHashMap<>();
          ApexMap<String, Object> fields = (ApexMap<String, Object>) record;
          for (String field : fields.keySet()) values.put(field, decimalIfNumber(fields.get(field)));
          records.add(values);
        }
        CustomMetadata.load(type, records);
      }
    }
  }
}
