package rt;

/** System.ListException. */
public class ListException extends ApexException {
  public ListException() {
    super();
  }

  public ListException(String message) {
    super(message);
  }

  public ListException(RuntimeException cause) {
    super(cause);
  }

  public ListException(String message, RuntimeException cause) {
    super(message, cause);
  }
}
