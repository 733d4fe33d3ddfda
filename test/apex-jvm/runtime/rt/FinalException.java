package rt;

/** System.FinalException. */
public class FinalException extends ApexException {
  public FinalException() {
    super();
  }

  public FinalException(String message) {
    super(message);
  }

  public FinalException(RuntimeException cause) {
    super(cause);
  }

  public FinalException(String message, RuntimeException cause) {
    super(message, cause);
  }
}
