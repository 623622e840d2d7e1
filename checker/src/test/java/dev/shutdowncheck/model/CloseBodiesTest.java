package dev.shutdowncheck.model;

import static com.google.errorprone.matchers.Description.NO_MATCH;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.NewClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.NewClassTree;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.model.CloseBytecode.ForwardsToField;
import dev.shutdowncheck.model.CloseBytecode.ReturnsAtOnce;
import dev.shutdowncheck.TestJars;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloseBodiesTest {

  /**
   * Reports, at each {@code new X()}, what {@link CloseBodies} says of X's close(): whether it does
   * nothing, and the field it passes the close on to ({@code none} when it does more or less).
   */
  @BugPattern(summary = "what close() does", severity = BugPattern.SeverityLevel.WARNING)
  public static final class CloseProbe extends BugChecker implements NewClassTreeMatcher {
    private final CloseBodies closeBodies = new CloseBodies();

    @Override
    public Description matchNewClass(NewClassTree tree, VisitorState state) {
      Type created = ASTHelpers.getType(tree);
      if (created == null || !(created.tsym instanceof ClassSymbol type)) {
        return NO_MATCH;
      }
      return buildDescription(tree)
          .setMessage(
              "closeDoesNothing="
                  + closeBodies.closeDoesNothing(type, state)
                  + " forwardsTo="
                  + closeBodies.closeForwardsTo(type, state).orElse("none"))
          .build();
    }
  }

  @TempDir Path temp;

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CloseProbe.class, getClass());

  @Test
  void jdkClassesAreReadFromTheRuntimeImage() {
    helper
        .addSourceLines(
            "Jdk.java",
            """
            import java.io.*;
            class Jdk {
              void make() throws IOException {
                // Empty close() bodies in the JDK: InputStream, OutputStream (inherited by these
                // anonymous classes), ByteArrayOutputStream, StringWriter.
                // BUG: Diagnostic contains: closeDoesNothing=true
                new InputStream() { @Override public int read() { return -1; } };
                // BUG: Diagnostic contains: closeDoesNothing=true
                new OutputStream() { @Override public void write(int b) {} };
                // BUG: Diagnostic contains: closeDoesNothing=true
                new ByteArrayOutputStream();
                // BUG: Diagnostic contains: closeDoesNothing=true
                new StringWriter();
                // Releases a descriptor, a socket, the reader under it.
                // BUG: Diagnostic contains: closeDoesNothing=false
                new FileInputStream("in.txt");
                // BUG: Diagnostic contains: closeDoesNothing=false
                new java.net.Socket();
                // BUG: Diagnostic contains: closeDoesNothing=false
                new BufferedReader(new StringReader("text"));
                // No close() at all.
                // BUG: Diagnostic contains: closeDoesNothing=false
                new Object();
              }
            }
            """)
        .doTest();
  }

  @Test
  void underAnOlderReleaseTheJdkHasNoCodeToRead() {
    // javac reads an older release's JDK from ct.sym, whose class files keep signatures only.
    helper
        .setArgs("--release", "11")
        .addSourceLines(
            "Release11.java",
            """
            class Release11 {
              void make() {
                // BUG: Diagnostic contains: closeDoesNothing=false
                new java.io.ByteArrayOutputStream();
              }
            }
            """)
        .doTest();
  }

  @Test
  void classesFromAJarOnTheClassPath() throws IOException {
    Path jar =
        jar(
            Map.of(
                "lib/Serializer.java",
                "package lib; public interface Serializer extends java.io.Closeable {"
                    + " @Override default void close() {} }",
                "lib/JsonSerializer.java",
                "package lib; public class JsonSerializer implements Serializer {}",
                "lib/Quiet.java",
                "package lib; public class Quiet implements AutoCloseable {"
                    + " @Override public void close() {} }",
                "lib/QuietChild.java",
                "package lib; public class QuietChild extends Quiet {"
                    + " @Override public void close() { super.close(); } }",
                "lib/QuietGrandchild.java",
                "package lib; public class QuietGrandchild extends QuietChild {"
                    + " @Override public void close() { super.close(); } }",
                "lib/Holder.java",
                """
                package lib;
                public class Holder implements java.io.Closeable {
                  protected java.io.InputStream in;
                  @Override public void close() throws java.io.IOException { in.close(); }
                }
                """,
                "lib/HolderChild.java",
                "package lib; public class HolderChild extends Holder {"
                    + " @Override public void close() throws java.io.IOException {"
                    + " super.close(); } }",
                "lib/Counting.java",
                "package lib; public class Counting extends Quiet {"
                    + " int closed; @Override public void close() { closed++; super.close(); } }",
                "lib/ExplicitDefault.java",
                "package lib; public class ExplicitDefault implements Serializer {"
                    + " @Override public void close() { Serializer.super.close(); } }",
                "lib/NativeClose.java",
                "package lib; public class NativeClose implements AutoCloseable {"
                    + " @Override public native void close(); }"));
    helper
        .setArgs("-cp", jar.toString())
        .addSourceLines(
            "FromJar.java",
            """
            import lib.*;
            class FromJar {
              void make() {
                // An empty interface default, inherited.
                // BUG: Diagnostic contains: closeDoesNothing=true
                new JsonSerializer();
                // An empty close(), and chains of super.close() up to it.
                // BUG: Diagnostic contains: closeDoesNothing=true
                new Quiet();
                // BUG: Diagnostic contains: closeDoesNothing=true
                new QuietChild();
                // BUG: Diagnostic contains: closeDoesNothing=true
                new QuietGrandchild();
                // Serializer.super.close(): the interface's empty default.
                // BUG: Diagnostic contains: closeDoesNothing=true
                new ExplicitDefault();
                // Closes a field; calls super.close() of one that does.
                // BUG: Diagnostic contains: closeDoesNothing=false forwardsTo=java.io.InputStream
                new Holder();
                // BUG: Diagnostic contains: closeDoesNothing=false forwardsTo=java.io.InputStream
                new HolderChild();
                // Does something before super.close().
                // BUG: Diagnostic contains: closeDoesNothing=false
                new Counting();
                // BUG: Diagnostic contains: closeDoesNothing=false
                new NativeClose();
              }
            }
            """)
        .doTest();
  }

  @Test
  void theMostSpecificInterfaceDefaultIsTheOneThatRuns() throws IOException {
    Path jar =
        jar(
            Map.of(
                "lib/Quietly.java",
                "package lib; public interface Quietly extends AutoCloseable {"
                    + " @Override default void close() {} }",
                "lib/Loudly.java",
                "package lib; public interface Loudly extends Quietly {"
                    + " @Override default void close() { System.out.println(\"closed\"); } }",
                "lib/Both.java",
                "package lib; public class Both implements Quietly, Loudly {}",
                "lib/BothReversed.java",
                "package lib; public class BothReversed implements Loudly, Quietly {}",
                "lib/Parent.java",
                "package lib; public class Parent implements Loudly {"
                    + " @Override public void close() {} }",
                "lib/Child.java",
                "package lib; public class Child extends Parent implements Loudly {}"));
    helper
        .setArgs("-cp", jar.toString())
        .addSourceLines(
            "Defaults.java",
            """
            import lib.*;
            class Defaults {
              void make() {
                // Loudly redeclares Quietly's close(), so Loudly's runs.
                // BUG: Diagnostic contains: closeDoesNothing=false
                new Both();
                // BUG: Diagnostic contains: closeDoesNothing=false
                new BothReversed();
                // A superclass's close() wins over any interface default.
                // BUG: Diagnostic contains: closeDoesNothing=true
                new Child();
              }
            }
            """)
        .doTest();
  }

  @Test
  void classesCompiledInTheSameCompilation() {
    helper
        .addSourceLines(
            "closers/Closers.java",
            """
            package closers;
            import java.io.*;
            public class Closers {
              public static class Empty implements AutoCloseable {
                @Override public void close() {}
              }
              public static class ReturnsOnly implements AutoCloseable {
                @Override public void close() { return; }
              }
              public static class EmptyChild extends Empty {
                @Override public void close() { super.close(); }
              }
              public static class Real implements Closeable {
                private final InputStream in;
                public Real(InputStream in) { this.in = in; }
                @Override public void close() throws IOException { in.close(); }
              }
              public static class RealChild extends Real {
                public RealChild(InputStream in) { super(in); }
                @Override public void close() throws IOException { super.close(); }
              }
              public interface Quietly extends AutoCloseable {
                @Override default void close() {}
              }
              public static class ViaDefault implements Quietly {}
              public static class ViaInterfaceSuper implements Quietly {
                @Override public void close() { Quietly.super.close(); }
              }
              public static class Logs implements AutoCloseable {
                @Override public void close() { System.out.println("closed"); }
              }
              public static class ThisQualified implements Closeable {
                private final InputStream in;
                public ThisQualified(InputStream in) { this.in = in; }
                @Override public void close() throws IOException { this.in.close(); }
              }
              public static class Stoppable {
                public void stop() {}
              }
              public static class StopsItself extends Stoppable implements AutoCloseable {
                @Override public void close() { super.stop(); }
              }
              public static class OthersField implements Closeable {
                private final Real other;
                public OthersField(Real other) { this.other = other; }
                @Override public void close() throws IOException { other.in.close(); }
              }
              // Source over the JDK's class files.
              public static class Buffer extends ByteArrayOutputStream {
                @Override public void close() throws IOException { super.close(); }
              }
              public static class InFile extends FileInputStream {
                public InFile(String name) throws IOException { super(name); }
                @Override public void close() throws IOException { super.close(); }
              }
            }
            """)
        .addSourceLines(
            "User.java",
            """
            import closers.Closers.*;
            class User {
              void make(java.io.InputStream in) throws java.io.IOException {
                // BUG: Diagnostic contains: closeDoesNothing=true
                new Empty();
                // BUG: Diagnostic contains: closeDoesNothing=true
                new ReturnsOnly();
                // BUG: Diagnostic contains: closeDoesNothing=true
                new EmptyChild();
                // BUG: Diagnostic contains: closeDoesNothing=true
                new ViaDefault();
                // BUG: Diagnostic contains: closeDoesNothing=true
                new ViaInterfaceSuper();
                // BUG: Diagnostic contains: closeDoesNothing=true
                new Buffer();
                // An anonymous class inherits Empty's.
                // BUG: Diagnostic contains: closeDoesNothing=true
                new Empty() {};
                // BUG: Diagnostic contains: closeDoesNothing=false forwardsTo=java.io.InputStream
                new Real(in);
                // super.close() of a close() that passes it on to a field passes it on too.
                // BUG: Diagnostic contains: closeDoesNothing=false forwardsTo=java.io.InputStream
                new RealChild(in);
                // BUG: Diagnostic contains: forwardsTo=java.io.InputStream
                new ThisQualified(in);
                // BUG: Diagnostic contains: forwardsTo=none
                new OthersField(new Real(in));
                // super is the object itself, not a field of it.
                // BUG: Diagnostic contains: forwardsTo=none
                new StopsItself();
                // BUG: Diagnostic contains: closeDoesNothing=false
                new Logs();
                // BUG: Diagnostic contains: closeDoesNothing=false
                new InFile("in.txt");
                // An anonymous override that does something.
                // BUG: Diagnostic contains: closeDoesNothing=false
                new Empty() { @Override public void close() { System.out.println("closed"); } };
              }
            }
            """)
        .doTest();
  }

  @Test
  void aSuperclassWhoseClassFileIsMissingMayReleaseSomething() throws IOException {
    Path jar =
        jar(
            Map.of(
                "lib/Gone.java",
                "package lib; public class Gone implements AutoCloseable {"
                    + " @Override public void close() {} }",
                "lib/Orphan.java",
                "package lib; public class Orphan extends Gone {"
                    + " @Override public void close() { super.close(); } }"),
            "lib/Gone.class");
    helper
        .setArgs("-cp", jar.toString())
        .addSourceLines(
            "Missing.java",
            """
            class Missing {
              void make() {
                // BUG: Diagnostic contains: closeDoesNothing=false
                new lib.Orphan();
              }
            }
            """)
        .doTest();
  }

  @Test
  void aClassFileReadsAsWhatItsCloseDoes() throws IOException {
    assertInstanceOf(
        ReturnsAtOnce.class,
        CloseBytecode.read(jdkClassFile(InputStream.class), "java.io.InputStream"));
    assertSame(
        CloseBytecode.MAY_RELEASE,
        CloseBytecode.read(jdkClassFile(FileInputStream.class), "java.io.FileInputStream"));
    // in.close(), on its field InputStream in
    assertEquals(
        new ForwardsToField("java.io.InputStream"),
        CloseBytecode.read(jdkClassFile(FilterInputStream.class), "java.io.FilterInputStream"));
  }

  @Test
  void aCloseThatOnlyCallsOneFieldPassesTheCloseOnToIt() throws IOException {
    Path jar =
        jar(
            Map.of(
                "lib/Conduit.java",
                "package lib; public interface Conduit { void terminateReads(); }",
                "lib/Counter.java",
                "package lib; public class Counter { public long reset() { return 0; }"
                    + " public static class Shard { public boolean drop() { return true; } } }",
                "lib/Channel.java",
                """
                package lib;
                public class Channel implements java.io.Closeable {
                  private final Conduit conduit;
                  public Channel(Conduit conduit) { this.conduit = conduit; }
                  @Override public void close() { conduit.terminateReads(); }
                }
                """,
                "lib/Gauge.java",
                """
                package lib;
                public class Gauge implements AutoCloseable {
                  final Counter counter = new Counter();
                  final Counter.Shard shard = new Counter.Shard();
                  @Override public void close() { counter.reset(); }
                  public static class OfShard extends Gauge {
                    @Override public void close() { shard.drop(); }
                  }
                }
                """,
                "lib/NotForwarding.java",
                """
                package lib;
                public class NotForwarding {
                  static final Counter SHARED = new Counter();
                  final java.util.List<Object> registry = new java.util.ArrayList<>();
                  final Counter first = new Counter();
                  final Counter second = new Counter();
                  public static class WithArgument extends NotForwarding implements AutoCloseable {
                    @Override public void close() { registry.remove(this); }
                  }
                  public static class StaticField implements AutoCloseable {
                    @Override public void close() { SHARED.reset(); }
                  }
                  public static class TwoCalls extends NotForwarding implements AutoCloseable {
                    @Override public void close() { first.reset(); second.reset(); }
                  }
                  public static class Stores extends NotForwarding implements AutoCloseable {
                    long last;
                    @Override public void close() { last = first.reset(); }
                  }
                }
                """));
    helper
        .setArgs("-cp", jar.toString())
        .addSourceLines(
            "FromJar.java",
            """
            import lib.*;
            class FromJar {
              void make(Conduit conduit) {
                // BUG: Diagnostic contains: forwardsTo=lib.Conduit
                new Channel(conduit);
                // A result dropped (pop2 after a long, pop after a boolean); a nested class's name.
                // BUG: Diagnostic contains: forwardsTo=lib.Counter
                new Gauge();
                // BUG: Diagnostic contains: forwardsTo=lib.Counter$Shard
                new Gauge.OfShard();
                // BUG: Diagnostic contains: forwardsTo=none
                new NotForwarding.WithArgument();
                // BUG: Diagnostic contains: forwardsTo=none
                new NotForwarding.StaticField();
                // BUG: Diagnostic contains: forwardsTo=none
                new NotForwarding.TwoCalls();
                // BUG: Diagnostic contains: forwardsTo=none
                new NotForwarding.Stores();
              }
            }
            """)
        .doTest();
  }

  @Test
  void aCorruptClassFileMayReleaseSomethingAndThrowsNothing() throws IOException {
    byte[] intact = jdkClassFile(OutputStream.class);
    String name = "java.io.OutputStream";

    byte[] badMagic = intact.clone();
    badMagic[0] = 0;
    assertSame(CloseBytecode.MAY_RELEASE, CloseBytecode.read(badMagic, name));

    // The first constant pool entry's tag (after magic, versions and the count): 2 is no tag.
    byte[] badTag = intact.clone();
    badTag[10] = 2;
    assertSame(CloseBytecode.MAY_RELEASE, CloseBytecode.read(badTag, name));

    // Another class's file under this name.
    assertSame(
        CloseBytecode.MAY_RELEASE, CloseBytecode.read(jdkClassFile(InputStream.class), name));

    assertSame(CloseBytecode.MAY_RELEASE, CloseBytecode.read(new byte[0], name));
    int mayRelease = 0;
    for (int length = 0; length < intact.length; length++) {
      byte[] truncated = Arrays.copyOf(intact, length);
      if (CloseBytecode.read(truncated, name) == CloseBytecode.MAY_RELEASE) {
        mayRelease++;
      }
    }
    // Cut before its close() is read, the file says nothing; cut after, it still says "empty".
    assertTrue(mayRelease > intact.length / 2, mayRelease + " of " + intact.length);

    // Any byte changed to any of these values: an answer, never an exception. Also in a close()
    // that passes the close on to a field, whose reading follows field and method references.
    assertAnswersWhateverTheBytes(intact, name);
    assertAnswersWhateverTheBytes(jdkClassFile(FilterInputStream.class), "java.io.FilterInputStream");
  }

  private static void assertAnswersWhateverTheBytes(byte[] intact, String name) {
    for (int at = 0; at < intact.length; at++) {
      for (int value : new int[] {0x00, 0x01, 0x02, 0x07, 0x7F, 0x80, 0xFF}) {
        byte[] changed = intact.clone();
        changed[at] = (byte) value;
        assertNotNull(CloseBytecode.read(changed, name));
      }
    }
  }

  @Test
  void aMissingClassFileMayReleaseSomething() throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, UTF_8)) {
      JavaFileObject missing =
          files.getJavaFileObjects(temp.resolve("lib/Gone.class")).iterator().next();
      assertEquals(JavaFileObject.Kind.CLASS, missing.getKind());
      assertSame(CloseBytecode.MAY_RELEASE, CloseBytecode.read(missing, "lib.Gone"));
    }
    assertSame(CloseBytecode.MAY_RELEASE, CloseBytecode.read((JavaFileObject) null, "lib.Gone"));
  }

  private static byte[] jdkClassFile(Class<?> type) throws IOException {
    try (InputStream in =
        type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  private Path jar(Map<String, String> sources, String... omitted) throws IOException {
    return TestJars.compile(temp, sources, omitted);
  }
}
