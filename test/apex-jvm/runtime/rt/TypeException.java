package rt;

/** System.TypeException. */
public class TypeException extends ApexException {
  public TypeException() {
    super();
  }

  public TypeException(String message) {
    super(message);
  }

  public TypeException(RuntimeException cause) {
    super(cause);
  }

  public TypeException(String message, RuntimeException cause) {
    super(message, cause);
  }
}
