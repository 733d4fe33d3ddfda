package rt;

/** Apex's System.Comparator<T>, for List.sort(Comparator). */
public interface Comparator<T> {
  Integer compare(T left, T right);
}
