package dev.shutdowncheck.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The javac flags of a module's own {@code maven-compiler-plugin} that decide what compiles, so
 * that standalone mode compiles the module as its build does: {@code --release} where it uses
 * {@code release}, else {@code -source}/{@code -target} (which, unlike {@code --release}, compile
 * against the running JDK's API), the encoding, {@code -parameters}, {@code --enable-preview}, and
 * its {@code compilerArgs} except those that concern Error Prone, warnings or annotation processing
 * (which standalone mode sets itself).
 */
final class CompilerFlags {

  private CompilerFlags() {}

  static List<String> of(MavenProject project, boolean tests) {
    Plugin compiler = project.getBuild().getPluginsAsMap().get(CompilerSetup.COMPILER_PLUGIN);
    List<Xpp3Dom> configurations = new ArrayList<>();
    if (compiler != null) {
      String execution = tests ? "default-testCompile" : "default-compile";
      for (PluginExecution e : compiler.getExecutions()) {
        if (e.getId().equals(execution) && e.getConfiguration() instanceof Xpp3Dom dom) {
          configurations.add(dom);
        }
      }
      if (compiler.getConfiguration() instanceof Xpp3Dom dom) {
        configurations.add(dom);
      }
    }
    return parse(configurations, project.getProperties(), tests);
  }

  /** The flags from the first configuration that sets each, else from the plugin's properties. */
  static List<String> parse(List<Xpp3Dom> configurations, Properties properties, boolean tests) {
    List<String> flags = new ArrayList<>();
    String release = setting(configurations, properties, tests ? "testRelease" : "release",
        tests ? "maven.compiler.testRelease" : "maven.compiler.release");
    if (tests && release == null) {
      release = setting(configurations, properties, "release", "maven.compiler.release");
    }
    if (release != null) {
      flags.add("--release");
      flags.add(release);
    } else {
      String source = setting(configurations, properties, "source", "maven.compiler.source");
      String target = setting(configurations, properties, "target", "maven.compiler.target");
      if (tests) {
        source = Objects.requireNonNullElse(setting(configurations, properties, "testSource", "maven.compiler.testSource"), source);
        target = Objects.requireNonNullElse(setting(configurations, properties, "testTarget", "maven.compiler.testTarget"), target);
      }
      if (source != null) {
        flags.add("-source");
        flags.add(source);
      }
      if (target != null) {
        flags.add("-target");
        flags.add(target);
      }
    }
    String encoding = setting(configurations, properties, "encoding", "maven.compiler.encoding");
    if (encoding == null) {
      encoding = blankToNull(properties.getProperty("project.build.sourceEncoding"));
    }
    if (encoding != null) {
      flags.add("-encoding");
      flags.add(encoding);
    }
    if ("true".equals(setting(configurations, properties, "parameters", "maven.compiler.parameters"))) {
      flags.add("-parameters");
    }
    if ("true".equals(setting(configurations, properties, "enablePreview", "maven.compiler.enablePreview"))) {
      flags.add("--enable-preview");
    }
    for (String arg : compilerArgs(configurations)) {
      if (keeps(arg)) {
        flags.add(arg);
      }
    }
    return flags;
  }

  /**
   * Whether standalone mode passes on this compiler argument: not Error Prone's (it runs its own),
   * not one that turns warnings into errors (its rules warn), not annotation processing's, and no
   * {@code -J} flag, which javac takes only on its command line.
   */
  static boolean keeps(String arg) {
    return !(arg.startsWith("-Xplugin:") || arg.startsWith("-XDcompilePolicy") || arg.startsWith("--should-stop")
        || arg.equals("-Werror") || arg.startsWith("-Xlint") || arg.startsWith("-proc:") || arg.startsWith("-A")
        || arg.startsWith("-J") || arg.startsWith("-implicit:") || arg.startsWith("-Xmaxwarns")
        || arg.startsWith("-Xmaxerrs"));
  }

  private static List<String> compilerArgs(List<Xpp3Dom> configurations) {
    for (Xpp3Dom configuration : configurations) {
      Xpp3Dom args = configuration.getChild("compilerArgs");
      if (args != null) {
        List<String> values = new ArrayList<>();
        for (Xpp3Dom arg : args.getChildren()) {
          String value = blankToNull(arg.getValue());
          if (value != null) {
            values.add(value);
          }
        }
        return values;
      }
    }
    return List.of();
  }

  private static String setting(List<Xpp3Dom> configurations, Properties properties, String name, String property) {
    for (Xpp3Dom configuration : configurations) {
      Xpp3Dom child = configuration.getChild(name);
      if (child != null && blankToNull(child.getValue()) != null) {
        return child.getValue().strip();
      }
    }
    return blankToNull(properties.getProperty(property));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
