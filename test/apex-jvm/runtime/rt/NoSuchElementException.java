package rt;

/** System.NoSuchElementException. */
public class NoSuchElementException extends ApexException {
  public NoSuchElementException() {
    super();
  }

  public NoSuchElementException(String message) {
    super(message);
  }

  public NoSuchElementException(RuntimeException cause) {
    super(cause);
  }

  public NoSuchElementException(String message, RuntimeException cause) {
    super(message, cause);
  }
}
