package runner;

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
import rt.CustomMetadata;
import rt.Json;

/** What the runners share: exceptions as JSON with their translated frames, and the custom metadata records. */
final class RunnerSupport {
  private RunnerSupport() {}

  /** An exception with the generated frames (apex.*), which the Node side maps back to Apex lines. */
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

  /**
   * Custom metadata records from the JSON the Node side writes from the project's .md-meta.xml files, by type; JSON
   * numbers become Decimal, as Number fields are.
   */
  @SuppressWarnings("unchecked")
  static Map<String, List<Map<String, Object>>> readMetadataRecords(Path file) throws java.io.IOException {
    ApexMap<String, Object> byType =
        (ApexMap<String, Object>) Json.deserializeUntyped(Files.readString(file, StandardCharsets.UTF_8));
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    for (String type : byType.keySet()) {
      List<Map<String, Object>> records = new ArrayList<>();
      for (Object record : (ApexList<Object>) byType.get(type)) {
        Map<String, Object> values = new LinkedHashMap<>();
        ApexMap<String, Object> fields = (ApexMap<String, Object>) record;
        for (String field : fields.keySet()) {
          Object value = fields.get(field);
          values.put(field, value instanceof Integer || value instanceof Long ? new BigDecimal(value.toString()) : value);
        }
        records.add(values);
      }
      out.put(type, records);
    }
    return out;
  }

  /**
   * Makes the records visible to getAll()/getInstance(). The program never sees these maps (each call builds fresh
   * SObjects from them) and their values are immutable, so one read serves every transaction of a run.
   */
  static void loadMetadataRecords(Map<String, List<Map<String, Object>>> byType) {
    byType.forEach(CustomMetadata::load);
  }

  static void loadMetadataRecords(Path file) throws java.io.IOException {
    loadMetadataRecords(readMetadataRecords(file));
  }
}
