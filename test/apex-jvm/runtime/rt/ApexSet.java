package rt;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * Apex's Set. Iteration is in insertion order: Apex documents set and map iteration as deterministic, and
 * insertion order is what the platform gives; nothing the engine decides depends on it.
 */
public final class ApexSet<T> implements Iterable<T> {
  private final LinkedHashSet<T> items;

  public ApexSet() {
    items = new LinkedHashSet<>();
  }

  public ApexSet(Iterable<? extends T> source) {
    items = new LinkedHashSet<>();
    for (T item : Apex.notNull(source)) items.add(item);
  }

  @SafeVarargs
  public static <T> ApexSet<T> of(T... values) {
    ApexSet<T> set = new ApexSet<>();
    for (T value : values) set.items.add(value);
    return set;
  }

  public Boolean add(T value) {
    return items.add(value);
  }

  public Boolean addAll(ApexList<? extends T> values) {
    boolean changed = false;
    for (T value : Apex.notNull(values)) changed |= items.add(value);
    return changed;
  }

  public Boolean addAll(ApexSet<? extends T> values) {
    return items.addAll(Apex.notNull(values).items);
  }

  public void clear() {
    items.clear();
  }

  @Override
  public ApexSet<T> clone() {
    return new ApexSet<>(this);
  }

  public Boolean contains(Object value) {
    return items.contains(value);
  }

  public Boolean containsAll(ApexList<?> values) {
    for (Object value : Apex.notNull(values)) if (!items.contains(value)) return false;
    return true;
  }

  public Boolean containsAll(ApexSet<?> values) {
    return items.containsAll(Apex.notNull(values).items);
  }

  public Boolean isEmpty() {
    return items.isEmpty();
  }

  public Boolean remove(Object value) {
    return items.remove(value);
  }

  public Boolean removeAll(ApexList<?> values) {
    boolean changed = false;
    for (Object value : Apex.notNull(values)) changed |= items.remove(value);
    return changed;
  }

  public Boolean removeAll(ApexSet<?> values) {
    return items.removeAll(Apex.notNull(values).items);
  }

  public Boolean retainAll(ApexList<?> values) {
    return items.retainAll(new ApexSet<Object>(values).items);
  }

  public Boolean retainAll(ApexSet<?> values) {
    return items.retainAll(Apex.notNull(values).items);
  }

  public Integer size() {
    return items.size();
  }

  @Override
  public Iterator<T> iterator() {
    return items.iterator();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApexSet && items.equals(((ApexSet<?>) other).items);
  }

  @Override
  public int hashCode() {
    return items.hashCode();
  }

  /** Apex writes a set as {a, b, c}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("{");
    boolean first = true;
    for (T item : items) {
      if (!first) out.append(", ");
      out.append(Values.valueOf(item));
      first = false;
    }
    return out.append("}").toString();
  }
}
