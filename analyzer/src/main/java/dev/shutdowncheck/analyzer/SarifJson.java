package dev.shutdowncheck.analyzer;

import com.contrastsecurity.sarif.SarifSchema210;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serialises java-sarif's model deterministically. Its classes say {@code NON_DEFAULT}, which drops
 * values equal to the schema default, such as an explicit {@code "level": "warning"}: here every
 * non-null value is written. Dates, should any appear, are ISO text, not timestamps.
 */
public final class SarifJson {

  private static final ObjectMapper MAPPER = mapper();

  private SarifJson() {}

  public static void write(SarifSchema210 sarif, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(toBytes(sarif));
    }
  }

  public static byte[] toBytes(SarifSchema210 sarif) throws IOException {
    byte[] json = MAPPER.writeValueAsBytes(sarif);
    byte[] withNewline = java.util.Arrays.copyOf(json, json.length + 1);
    withNewline[json.length] = '\n';
    return withNewline;
  }

  public static SarifSchema210 read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), SarifSchema210.class);
  }

  private static ObjectMapper mapper() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.setAnnotationIntrospector(new NonNullInclusion());
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    mapper.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    mapper.enable(SerializationFeature.INDENT_OUTPUT);
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
    mapper.setDefaultPrettyPrinter(printer);
    return mapper;
  }

  /** Overrides java-sarif's {@code @JsonInclude(NON_DEFAULT)}: write every non-null value. */
  private static final class NonNullInclusion extends JacksonAnnotationIntrospector {
    @Override
    public JsonInclude.Value findPropertyInclusion(Annotated annotated) {
      return JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL);
    }
  }
}
