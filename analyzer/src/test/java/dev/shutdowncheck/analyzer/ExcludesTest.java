package dev.shutdowncheck.analyzer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExcludesTest {

  private static final String LEGACY = "billing/src/main/java/com/acme/legacy/OldPool.java";
  private static final String NESTED = "billing/src/main/java/com/acme/legacy/v1/Older.java";
  private static final String APP = "billing/src/main/java/com/acme/App.java";

  @Test
  void pathGlobsMatchFromTheRepositoryRootOrAnyDirectoryBelowIt() {
    Excludes generated = Excludes.parse(List.of("**/legacy/**"), "<excludes>");
    assertTrue(generated.excludes(LEGACY) && generated.excludes(NESTED));
    assertFalse(generated.excludes(APP));
    Excludes moduleRelative = Excludes.parse(List.of("src/main/java/com/acme/legacy/*.java"), "<excludes>");
    assertTrue(moduleRelative.excludes(LEGACY));
    assertFalse(moduleRelative.excludes(NESTED), "* stays within one directory");
  }

  @Test
  void classesAndPackagesAsUsersNameThem() {
    assertTrue(Excludes.parse(List.of("com.acme.legacy.OldPool"), "x").excludes(LEGACY));
    assertFalse(Excludes.parse(List.of("com.acme.legacy.OldPool"), "x").excludes(APP));
    Excludes pkg = Excludes.parse(List.of("com.acme.legacy.*"), "x");
    assertTrue(pkg.excludes(LEGACY));
    assertFalse(pkg.excludes(NESTED), "a package, not its subpackages");
    assertTrue(Excludes.parse(List.of("com.acme.legacy.**"), "x").excludes(NESTED));
    assertTrue(Excludes.parse(List.of("App.java"), "x").excludes(APP));
  }

  @Test
  void noneExcludesNothingAndABadEntryNamesWhereItIs() {
    assertFalse(Excludes.NONE.excludes(APP));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Excludes.parse(List.of("src/{a"), "<excludes>"));
    assertTrue(e.getMessage().startsWith("<excludes> has a malformed entry 'src/{a'"), e.getMessage());
  }
}
