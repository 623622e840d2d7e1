package dev.shutdowncheck.analyzer;

import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.shutdowncheck.checks.ShutdownRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules registered in the checker jar, found the way Error Prone finds them (the service
 * loader), read from their {@code @BugPattern} without instantiating them, with the rule pages the
 * jar carries under {@value #DOCS}. A new rule in the checker needs no change here.
 */
public final class RuleCatalog {

  public static final String DOCS = "META-INF/shutdown-check/rules/";
  private static final int MAX_TAGS = 10;

  private final Map<String, Rule> rules;

  private RuleCatalog(Map<String, Rule> rules) {
    this.rules = rules;
  }

  public static RuleCatalog load(ClassLoader loader) {
    Map<String, Rule> rules = new TreeMap<>();
    ServiceLoader.load(BugChecker.class, loader).stream()
        .map(ServiceLoader.Provider::type)
        .filter(ShutdownRule.class::isAssignableFrom)
        .forEach(type -> {
          BugPattern pattern = type.getAnnotation(BugPattern.class);
          if (pattern != null) {
            Rule rule = describe(type.getSimpleName(), pattern, loader);
            rules.put(rule.id(), rule);
          }
        });
    return new RuleCatalog(rules);
  }

  /** The rules, sorted by id: the order of {@code tool.driver.rules} and so of {@code ruleIndex}. */
  public Collection<Rule> all() {
    return rules.values();
  }

  public Rule get(String id) {
    return rules.get(id);
  }

  public boolean contains(String id) {
    return rules.containsKey(id);
  }

  private static Rule describe(String className, BugPattern pattern, ClassLoader loader) {
    String id = pattern.name().isEmpty() ? className : pattern.name();
    String page = readPage(loader, id);
    String summary = pattern.summary();
    String fullDescription = page == null ? summary : firstParagraph(page, summary);
    String helpMarkdown = page == null ? summary + "\n\nSee " + pattern.link() : page;
    return new Rule(
        id,
        readableName(id),
        summary,
        fullDescription,
        helpMarkdown,
        plainText(helpMarkdown),
        pattern.link(),
        Severity.valueOf(pattern.severity().name()),
        tags(pattern));
  }

  private static String readPage(ClassLoader loader, String id) {
    try (InputStream in = loader.getResourceAsStream(DOCS + id + ".md")) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the rule page of " + id, e);
    }
  }

  /** {@code ExecutorNeverShutdown} becomes "Executor never shutdown". */
  static String readableName(String id) {
    StringBuilder name = new StringBuilder(id.length() + 8);
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (i > 0 && Character.isUpperCase(c) && !Character.isUpperCase(id.charAt(i - 1))) {
        name.append(' ').append(Character.toLowerCase(c));
      } else {
        name.append(c);
      }
    }
    return name.toString();
  }

  /** The first paragraph of prose after the page's title. */
  static String firstParagraph(String page, String fallback) {
    List<String> paragraph = new ArrayList<>();
    for (String line : page.split("\\R")) {
      String text = line.strip();
      if (text.startsWith("#") || text.startsWith("```")) {
        if (!paragraph.isEmpty()) {
          break;
        }
        continue;
      }
      if (text.isEmpty()) {
        if (!paragraph.isEmpty()) {
          break;
        }
        continue;
      }
      paragraph.add(text);
    }
    // Plain text: the paragraph's emphasis marks go, its code spans stay readable as they are.
    return paragraph.isEmpty()
        ? fallback
        : String.join(" ", paragraph).replace("**", "").replace("__", "");
  }

  /** Markdown without heading marks and code fences, for viewers that cannot render it. */
  static String plainText(String markdown) {
    StringBuilder text = new StringBuilder(markdown.length());
    for (String line : markdown.split("\\R", -1)) {
      if (line.strip().startsWith("```")) {
        continue;
      }
      text.append(line.replaceFirst("^#+\\s*", "")).append('\n');
    }
    return text.toString().strip();
  }

  private static List<String> tags(BugPattern pattern) {
    Set<String> tags = new LinkedHashSet<>();
    tags.add("reliability");
    tags.add("shutdown");
    for (String tag : pattern.tags()) {
      tags.add(tag.toLowerCase(Locale.ROOT).replace(' ', '-'));
    }
    return List.copyOf(tags).subList(0, Math.min(MAX_TAGS, tags.size()));
  }
}
