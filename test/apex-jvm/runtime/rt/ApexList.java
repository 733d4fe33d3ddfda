package rt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;

/** Apex's List (and array): an ArrayList whose index errors are Apex's ListException. */
public final class ApexList<T> implements Iterable<T> {
  private final ArrayList<T> items;

  public ApexList() {
    items = new ArrayList<>();
  }

  /** new List<T>(listOrSet): a copy. */
  public ApexList(Iterable<? extends T> source) {
    items = new ArrayList<>();
    for (T item : Apex.notNull(source)) items.add(item);
  }

  @SafeVarargs
  public static <T> ApexList<T> of(T... values) {
    ApexList<T> list = new ApexList<>();
    list.items.addAll(Arrays.asList(values));
    return list;
  }

  /** new T[n]: n nulls. */
  public static <T> ApexList<T> ofSize(Integer size) {
    ApexList<T> list = new ApexList<>();
    for (int i = 0; i < size; i++) list.items.add(null);
    return list;
  }

  private void checkIndex(Integer index, int size) {
    if (index == null || index < 0 || index >= size) {
      throw new ListException("List index out of bounds: " + index);
    }
  }

  public void add(T value) {
    items.add(value);
  }

  public void add(Integer index, T value) {
    checkIndex(index, items.size() + 1);
    items.add(index, value);
  }

  public void addAll(ApexList<? extends T> values) {
    items.addAll(Apex.notNull(values).items);
  }

  public void addAll(ApexSet<? extends T> values) {
    for (T value : Apex.notNull(values)) items.add(value);
  }

  public void clear() {
    items.clear();
  }

  @Override
  public ApexList<T> clone() {
    return new ApexList<>(this);
  }

  public Boolean contains(Object value) {
    return items.contains(value);
  }

  public T get(Integer index) {
    checkIndex(index, items.size());
    return items.get(index);
  }

  public Integer indexOf(Object value) {
    return items.indexOf(value);
  }

  public Boolean isEmpty() {
    return items.isEmpty();
  }

  public T remove(Integer index) {
    checkIndex(index, items.size());
    return items.remove((int) index);
  }

  public void set(Integer index, T value) {
    checkIndex(index, items.size());
    items.set(index, value);
  }

  public Integer size() {
    return items.size();
  }

  /**
   * List.sort(): Comparable user objects by compareTo, Strings by compareTo, numbers by value, nulls first.
   * Java's sort is stable; Apex documents no order for equal elements, and the engine's orders are total.
   */
  public void sort() {
    items.sort(ApexList::naturalOrder);
  }

  public void sort(Comparator<T> comparator) {
    Apex.notNull(comparator);
    items.sort((a, b) -> comparator.compare(a, b));
  }

  @SuppressWarnings("unchecked")
  private static int naturalOrder(Object a, Object b) {
    if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
    if (a instanceof Comparable) return ((Comparable) a).compareTo(b);
    if (a instanceof String) return ((String) a).compareTo((String) b);
    if (Ops.isNumber(a) && Ops.isNumber(b)) return Ops.compareNumbers(a, b);
    if (a instanceof java.lang.Comparable) return ((java.lang.Comparable<Object>) a).compareTo(b);
    throw new ApexException("List.sort() of " + Values.typeName(a) + " values is not supported by the runtime");
  }

  @Override
  public Iterator<T> iterator() {
    return items.iterator();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApexList && Ops.eq(this, other);
  }

  @Override
  public int hashCode() {
    return items.hashCode();
  }

  /** Apex writes a list as (a, b, c). */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) out.append(", ");
      out.append(Values.valueOf(items.get(i)));
    }
    return out.append(")").toString();
  }
}
