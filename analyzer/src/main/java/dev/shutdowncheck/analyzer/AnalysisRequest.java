package dev.shutdowncheck.analyzer;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What to analyse and how to report it. The findings come from the findings files a build wrote
 * ({@link Mode#RECORDED}: the compiler already ran the checker) or from javac runs of the
 * analyzer's own ({@link Mode#STANDALONE}).
 *
 * @param name what is analysed, for messages (a module, a directory)
 * @param recordedFindings the findings files of {@link Mode#RECORDED}
 * @param compilations the javac runs of {@link Mode#STANDALONE}
 * @param rules per rule OFF or a severity
 * @param rulesWithExplicitLevel rules whose recorded severity the build set on purpose ({@code
 *     -Xep:Rule:LEVEL}); the others are reported at their own level, since {@code
 *     -XepAllErrorsAsWarnings} only lowers them to let the compilation finish
 * @param repositoryRoot what SARIF and baseline paths are relative to
 * @param displayRoot what console paths are relative to
 * @param excludes the files whose findings are not reported
 */
public record AnalysisRequest(
    String name,
    Mode mode,
    List<Path> recordedFindings,
    List<StandaloneCompiler.Job> compilations,
    RuleSettings rules,
    Set<String> rulesWithExplicitLevel,
    Path repositoryRoot,
    Path displayRoot,
    Excludes excludes) {

  /** Where the findings come from. */
  public enum Mode {
    RECORDED("compiler"),
    STANDALONE("standalone");

    private final String label;

    Mode(String label) {
      this.label = label;
    }

    /** How the console names it: "compiler mode", "standalone mode". */
    public String label() {
      return label;
    }
  }

  public static AnalysisRequest recorded(
      String name, List<Path> findingsFiles, RuleSettings rules, Set<String> rulesWithExplicitLevel,
      Path repositoryRoot, Path displayRoot) {
    return new AnalysisRequest(name, Mode.RECORDED, List.copyOf(findingsFiles), List.of(), rules,
        Set.copyOf(rulesWithExplicitLevel), repositoryRoot, displayRoot, Excludes.NONE);
  }

  public static AnalysisRequest standalone(
      String name, List<StandaloneCompiler.Job> compilations, RuleSettings rules, Path repositoryRoot,
      Path displayRoot) {
    return new AnalysisRequest(name, Mode.STANDALONE, List.of(), List.copyOf(compilations), rules,
        Set.of(), repositoryRoot, displayRoot, Excludes.NONE);
  }

  /** The same request, without the findings in the files {@code excludes} names. */
  public AnalysisRequest excluding(Excludes excludes) {
    return new AnalysisRequest(name, mode, recordedFindings, compilations, rules, rulesWithExplicitLevel,
        repositoryRoot, displayRoot, excludes);
  }
}
