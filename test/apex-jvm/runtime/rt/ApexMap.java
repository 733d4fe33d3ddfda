package rt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Apex's Map: keys compare with equals (String keys case-sensitively, as in Apex); get of a missing key is
 * null; keySet() and values() are copies. Iteration in insertion order (see ApexSet).
 */
public final class ApexMap<K, V> {
  private final LinkedHashMap<K, V> entries;

  public ApexMap() {
    entries = new LinkedHashMap<>();
  }

  public ApexMap(ApexMap<? extends K, ? extends V> source) {
    entries = new LinkedHashMap<>(Apex.notNull(source).entries);
  }

  @SuppressWarnings("unchecked")
  public static <K, V> ApexMap<K, V> of(Object... keysAndValues) {
    ApexMap<K, V> map = new ApexMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.entries.put((K) keysAndValues[i], (V) keysAndValues[i + 1]);
    }
    return map;
  }

  public void clear() {
    entries.clear();
  }

  @Override
  public ApexMap<K, V> clone() {
    return new ApexMap<>(this);
  }

  public Boolean containsKey(Object key) {
    return entries.containsKey(key);
  }

  public V get(Object key) {
    return entries.get(key);
  }

  public Boolean isEmpty() {
    return entries.isEmpty();
  }

  public ApexSet<K> keySet() {
    return new ApexSet<>(entries.keySet());
  }

  public V put(K key, V value) {
    return entries.put(key, value);
  }

  public void putAll(ApexMap<? extends K, ? extends V> other) {
    entries.putAll(Apex.notNull(other).entries);
  }

  public V remove(Object key) {
    return entries.remove(key);
  }

  public Integer size() {
    return entries.size();
  }

  public ApexList<V> values() {
    return new ApexList<>(entries.values());
  }

  /** The entries, for the runtime's own use (JSON). */
  public Map<K, V> asJavaMap() {
    return entries;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApexMap && entries.equals(((ApexMap<?, ?>) other).entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  /** Apex writes a map as {k1=v1, k2=v2}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<K, V> entry : entries.entrySet()) {
      if (!first) out.append(", ");
      out.append(Values.valueOf(entry.getKey())).append('=').append(Values.valueOf(entry.getValue()));
      first = false;
    }
    return out.append("}").toString();
  }
}
