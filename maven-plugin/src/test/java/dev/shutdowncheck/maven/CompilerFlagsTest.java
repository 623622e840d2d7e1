package dev.shutdowncheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Properties;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

class CompilerFlagsTest {

  private static Xpp3Dom xml(String text) throws Exception {
    return Xpp3DomBuilder.build(new StringReader(text));
  }

  private static Properties properties(String... pairs) {
    Properties properties = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      properties.setProperty(pairs[i], pairs[i + 1]);
    }
    return properties;
  }

  @Test
  void sourceAndTargetStaySourceAndTargetNotRelease() {
    assertEquals(List.of("-source", "17", "-target", "17", "-encoding", "UTF-8"),
        CompilerFlags.parse(List.of(), properties("maven.compiler.source", "17", "maven.compiler.target", "17",
            "project.build.sourceEncoding", "UTF-8"), false));
  }

  @Test
  void releaseWinsAndThePluginsConfigurationWinsOverProperties() throws Exception {
    Xpp3Dom configuration = xml("<configuration><release>21</release><parameters>true</parameters></configuration>");
    assertEquals(List.of("--release", "21", "-parameters"),
        CompilerFlags.parse(List.of(configuration), properties("maven.compiler.release", "17"), false));
  }

  @Test
  void compilerArgsAreKeptExceptErrorProneWarningsAndProcessing() throws Exception {
    Xpp3Dom configuration = xml("<configuration><compilerArgs><arg>--enable-preview</arg>"
        + "<arg>-Xplugin:ErrorProne -XepAllErrorsAsWarnings</arg><arg>-XDcompilePolicy=simple</arg>"
        + "<arg>-Werror</arg><arg>-Xlint:all</arg><arg>-Akey=value</arg><arg>-J-Xmx1g</arg>"
        + "<arg>--add-modules=jdk.incubator.vector</arg></compilerArgs></configuration>");
    List<String> flags = CompilerFlags.parse(List.of(configuration), properties(), false);
    assertEquals(List.of("--enable-preview", "--add-modules=jdk.incubator.vector"), flags);
    assertFalse(CompilerFlags.keeps("--should-stop=ifError=FLOW"));
    assertTrue(CompilerFlags.keeps("-parameters"));
  }

  @Test
  void testsUseTheirOwnReleaseWhereTheyHaveOne() throws Exception {
    Xpp3Dom configuration = xml("<configuration><release>17</release><testRelease>21</testRelease></configuration>");
    assertEquals(List.of("--release", "21"), CompilerFlags.parse(List.of(configuration), properties(), true));
    assertEquals(List.of("--release", "17"), CompilerFlags.parse(List.of(configuration), properties(), false));
  }
}
