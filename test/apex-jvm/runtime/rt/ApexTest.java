package rt;

/** The Test class: the runner runs translated code as an Apex test would (isRunningTest is true). */
public final class ApexTest {
  private ApexTest() {}

  public static Boolean isRunningTest() {
    return true;
  }

  public static void startTest() {}

  public static void stopTest() {}
}
