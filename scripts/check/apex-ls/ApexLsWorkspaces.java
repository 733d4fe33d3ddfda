// apex-ls's CheckForIssues on several sfdx projects in one JVM, for the gate's self-tests (scripts/check/apex-ls.mjs
// --roots): each project is its own workspace (a new Org), judged as a run on it alone would, and only the platform's
// types, loaded once, are shared. Prints, per project, a line "apex-ls-workspace <exit code> <dir>" after its JSON.
// Usage: java -cp <apex-ls's jars> ApexLsWorkspaces.java <cache dir> <project dir>...
import io.github.apexdevtools.apexls.CheckForIssues;
import java.util.Arrays;
import scala.collection.immutable.Seq$;

public class ApexLsWorkspaces {
  @SuppressWarnings("unchecked") // Scala's Seq.empty() is raw to Java
  public static void main(String[] args) {
    for (String root : Arrays.copyOfRange(args, 1, args.length)) {
      // as `CheckForIssues -n -f json -c <cache dir> -w <root>` does, but returning its exit code
      int code;
      try {
        code = CheckForIssues.run("json", "none", "errors", true, Seq$.MODULE$.empty(), root, args[0]);
      } catch (RuntimeException error) { // one project breaking apex-ls: said for that project, the others still run
        error.printStackTrace();
        code = 3;
      }
      System.out.println();
      System.out.println("apex-ls-workspace " + code + " " + root);
    }
  }
}
