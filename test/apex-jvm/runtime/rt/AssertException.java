package rt;

/**
 * System.AssertException: a failed System.assert or Assert method. Apex code cannot catch it, so it is a
 * java.lang.Error here (never caught by a translated `catch (Exception e)`).
 */
public class AssertException extends Error {
  public AssertException(String message) {
    super(message);
  }
}
