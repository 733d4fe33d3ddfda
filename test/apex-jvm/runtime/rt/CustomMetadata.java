package rt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The custom metadata records the translated program sees through getAll()/getInstance(): none until a
 * runner loads some (for example the project's customMetadata/*.md-meta.xml records, see
 * runner/MetadataRecords). Each record is a field API name → value map; values are String, Decimal
 * (BigDecimal) or Boolean as the field's type says.
 */
public final class CustomMetadata {
  private CustomMetadata() {}

  private static final Map<String, List<Map<String, Object>>> RECORDS = new HashMap<>();

  public static void load(String typeName, List<Map<String, Object>> records) {
    RECORDS.put(typeName.toLowerCase(), new ArrayList<>(records));
  }

  public static void clear() {
    RECORDS.clear();
  }

  private static <T extends SObject> T build(Map<String, Object> values, Supplier<T> factory) {
    T record = factory.get();
    for (Map.Entry<String, Object> entry : values.entrySet()) record.put(entry.getKey(), entry.getValue());
    return record;
  }

  /** getAll(): every record by DeveloperName, each call a fresh copy (as each Apex call returns new rows). */
  public static <T extends SObject> ApexMap<String, T> getAll(String typeName, Supplier<T> factory) {
    ApexMap<String, T> out = new ApexMap<>();
    for (Map<String, Object> values : RECORDS.getOrDefault(typeName.toLowerCase(), List.of())) {
      out.put((String) values.get("DeveloperName"), build(values, factory));
    }
    return out;
  }

  /** getInstance(developerName): the record, or null. */
  public static <T extends SObject> T getInstance(String typeName, String developerName, Supplier<T> factory) {
    for (Map<String, Object> values : RECORDS.getOrDefault(typeName.toLowerCase(), List.of())) {
      if (String.valueOf(values.get("DeveloperName")).equals(developerName)) return build(values, factory);
    }
    return null;
  }
}
