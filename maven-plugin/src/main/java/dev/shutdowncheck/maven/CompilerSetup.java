package dev.shutdowncheck.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;

/**
 * What a module's {@code maven-compiler-plugin} configuration says about the checker: where it
 * records findings ({@code -XepOpt:ShutdownCheck:FindingsDir}), and which rules it gives a level
 * explicitly ({@code -Xep:Rule:LEVEL}). Other rules are reported at their own level even where
 * {@code -XepAllErrorsAsWarnings} lowered them to let the compilation finish, so that compiler and
 * standalone mode report the same.
 */
record CompilerSetup(String findingsDir, Set<String> rulesWithExplicitLevel) {

  static final String COMPILER_PLUGIN = "org.apache.maven.plugins:maven-compiler-plugin";
  private static final Pattern FINDINGS_DIR = Pattern.compile("-XepOpt:ShutdownCheck:FindingsDir=([^\\s<\"]+)");
  private static final Pattern RULE_LEVEL = Pattern.compile("-Xep:([A-Za-z0-9_]+):(?:OFF|WARN|ERROR|DEFAULT)\\b");

  static final CompilerSetup NONE = new CompilerSetup(null, Set.of());

  static CompilerSetup of(MavenProject project) {
    Plugin compiler = project.getBuild().getPluginsAsMap().get(COMPILER_PLUGIN);
    return compiler == null ? NONE : parse(configurationText(compiler));
  }

  static CompilerSetup parse(String configuration) {
    Matcher dir = FINDINGS_DIR.matcher(configuration);
    Set<String> explicit = new TreeSet<>();
    Matcher level = RULE_LEVEL.matcher(configuration);
    while (level.find()) {
      explicit.add(level.group(1));
    }
    return new CompilerSetup(dir.find() ? dir.group(1) : null, explicit);
  }

  boolean recordsFindings() {
    return findingsDir != null;
  }

  /** The plugin's configuration and its executions', as text: the flags may sit in either. */
  private static String configurationText(Plugin compiler) {
    List<String> parts = new ArrayList<>();
    if (compiler.getConfiguration() != null) {
      parts.add(compiler.getConfiguration().toString());
    }
    for (PluginExecution execution : compiler.getExecutions()) {
      if (execution.getConfiguration() != null) {
        parts.add(execution.getConfiguration().toString());
      }
    }
    return String.join("\n", parts);
  }
}
