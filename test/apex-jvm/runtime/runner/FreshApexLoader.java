package runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Loads the named classes of a program itself (never from the parent), so every instance has its own statics: each
 * Apex test method, and each runner of a Runs batch, starts with fresh static state as it would in a JVM of its own.
 * The runtime (rt.*) and the JDK come from the parent.
 */
final class FreshApexLoader extends ClassLoader {
  /** Class files by name, read from disk once: every loader of a run defines the same bytes. */
  private static final java.util.Map<String, byte[]> BYTES = new java.util.HashMap<>();

  private final Path classesDir;
  private final Predicate<String> fresh;

  FreshApexLoader(Path classesDir, ClassLoader parent, Predicate<String> fresh) {
    super(parent);
    this.classesDir = classesDir;
    this.fresh = fresh;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!fresh.test(name)) return super.loadClass(name, resolve);
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        byte[] bytes = BYTES.get(name);
        if (bytes == null) {
          try {
            bytes = Files.readAllBytes(classesDir.resolve(name.replace('.', '/') + ".class"));
          } catch (IOException missing) {
            throw new ClassNotFoundException(name, missing);
          }
          BYTES.put(name, bytes);
        }
        loaded = defineClass(name, bytes, 0, bytes.length);
      }
      if (resolve) resolveClass(loaded);
      return loaded;
    }
  }
}
