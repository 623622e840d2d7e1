package dev.shutdowncheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CompilerSetupTest {

  @Test
  void findsTheFindingsDirInsideTheErrorProneArgument() {
    CompilerSetup setup = CompilerSetup.parse(
        "<configuration><compilerArgs><arg>-XDcompilePolicy=simple</arg>"
            + "<arg>-Xplugin:ErrorProne -XepAllErrorsAsWarnings"
            + " -XepOpt:ShutdownCheck:FindingsDir=/p/target/shutdown-check -Xep:UnboundedWait:ERROR</arg>"
            + "</compilerArgs></configuration>");
    assertEquals("/p/target/shutdown-check", setup.findingsDir());
    assertEquals(Set.of("UnboundedWait"), setup.rulesWithExplicitLevel());
  }

  @Test
  void errorProneWithoutTheFlagMeansStandaloneMode() {
    CompilerSetup setup = CompilerSetup.parse("<arg>-Xplugin:ErrorProne -Xep:ForcedTermination</arg>");
    assertNull(setup.findingsDir());
    assertFalse(setup.recordsFindings());
    // Enabling a rule without a level keeps its own level.
    assertEquals(Set.of(), setup.rulesWithExplicitLevel());
  }
}
