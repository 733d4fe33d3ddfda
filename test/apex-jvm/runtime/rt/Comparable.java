package rt;

/** Apex's Comparable interface: List.sort() orders user objects by compareTo. */
public interface Comparable {
  Integer compareTo(Object other);
}
