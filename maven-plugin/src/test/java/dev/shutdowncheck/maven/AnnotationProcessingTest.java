package dev.shutdowncheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

class AnnotationProcessingTest {

  private static Xpp3Dom xml(String text) throws Exception {
    return Xpp3DomBuilder.build(new StringReader(text));
  }

  @Test
  void processorPathsNamesAndOptionsAsConfigured() throws Exception {
    AnnotationProcessing processing = AnnotationProcessing.parse(List.of(xml(
        "<configuration>"
            + "<annotationProcessorPaths>"
            + "<path><groupId>org.projectlombok</groupId><artifactId>lombok</artifactId>"
            + "<version>1.18.48</version></path>"
            + "<path><groupId>org.mapstruct</groupId><artifactId>mapstruct-processor</artifactId></path>"
            + "</annotationProcessorPaths>"
            + "<annotationProcessors><p>org.mapstruct.ap.MappingProcessor</p></annotationProcessors>"
            + "<compilerArgs><arg>-Amapstruct.defaultComponentModel=spring</arg><arg>-parameters</arg></compilerArgs>"
            + "</configuration>")));
    assertTrue(processing.enabled());
    assertEquals(
        List.of(
            new AnnotationProcessing.Coordinates("org.projectlombok", "lombok", "1.18.48", null, "jar"),
            new AnnotationProcessing.Coordinates("org.mapstruct", "mapstruct-processor", null, null, "jar")),
        processing.processorPath());
    assertEquals(List.of("org.mapstruct.ap.MappingProcessor"), processing.processors());
    assertEquals(List.of("-Amapstruct.defaultComponentModel=spring"), processing.options());
  }

  @Test
  void nothingConfiguredMeansTheClassPathIsSearched() throws Exception {
    AnnotationProcessing processing = AnnotationProcessing.parse(List.of(xml("<configuration><release>17</release></configuration>")));
    assertTrue(processing.enabled());
    assertTrue(processing.processorPath().isEmpty());
    assertTrue(processing.processors().isEmpty());
  }

  @Test
  void procNoneTurnsItOffEitherWay() throws Exception {
    assertFalse(AnnotationProcessing.parse(List.of(xml("<configuration><proc>none</proc></configuration>"))).enabled());
    assertFalse(AnnotationProcessing.parse(List.of(xml(
        "<configuration><compilerArgs><arg>-proc:none</arg></compilerArgs></configuration>"))).enabled());
  }

  @Test
  void anExecutionsSettingComesBeforeThePlugins() throws Exception {
    AnnotationProcessing processing = AnnotationProcessing.parse(List.of(
        xml("<configuration><proc>none</proc></configuration>"),
        xml("<configuration><proc>full</proc></configuration>")));
    assertFalse(processing.enabled());
  }
}
