package rt;

/** System.JSONException. */
public class JSONException extends ApexException {
  public JSONException() {
    super();
  }

  public JSONException(String message) {
    super(message);
  }

  public JSONException(RuntimeException cause) {
    super(cause);
  }

  public JSONException(String message, RuntimeException cause) {
    super(message, cause);
  }
}
