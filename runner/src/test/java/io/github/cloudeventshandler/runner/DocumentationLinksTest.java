package io.github.cloudeventshandler.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Markdown file of the repository is self-contained: each relative link names a file or
 * directory that exists, each {@code #anchor} into a Markdown file names one of its headings, and
 * no document or source cites a file outside the repository (the design notes the project started
 * from, the shared fixtures folder). Links inside code blocks and code spans are not links.
 */
class DocumentationLinksTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** {@code [text](target)}; the target ends at whitespace or the closing parenthesis. */
  private static final Pattern LINK =
      Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

  /**
   * What a source must not cite: the design notes and the shared folder the project started from,
   * which are not in the repository. (Spelled in pieces, so that this file does not match itself.)
   */
  private static final String NOT_IN_REPOSITORY =
      "DESIGN" + " §|DESIGN" + "\\.md|\\.\\./" + "shared";

  /** What a document must not cite: also absolute paths of the build machine. */
  private static final Pattern OUTSIDE =
      Pattern.compile(
          NOT_IN_REPOSITORY + "|/" + "work/|shared/" + "reference|shared/" + "fixtures");

  @Test
  void relativeLinksAndAnchorsResolve() throws IOException {
    List<String> broken = new ArrayList<>();
    int links = 0;
    for (Path md : files(".md")) {
      for (String target : links(Files.readString(md, StandardCharsets.UTF_8))) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
          continue; // https:, mailto:
        }
        links++;
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? md : md.getParent().resolve(file).normalize();
        String where = ROOT.relativize(md) + " -> " + target;
        if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
          broken.add(where + " (no such file)");
        } else if (anchor != null
            && resolved.toString().endsWith(".md")
            && !anchors(resolved).contains(anchor)) {
          broken.add(where + " (no such heading in " + ROOT.relativize(resolved) + ")");
        }
      }
    }
    assertThat(links).as("relative links checked").isGreaterThan(20);
    assertThat(broken).isEmpty();
  }

  @Test
  void noDocumentOrSourceCitesAFileOutsideTheRepository() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path md : files(".md")) {
      grep(md, OUTSIDE, found);
    }
    for (Path java : files(".java")) {
      grep(java, Pattern.compile(NOT_IN_REPOSITORY), found);
    }
    assertThat(found).isEmpty();
  }

  @Test
  void headingsBecomeGitHubAnchors() {
    assertThat(slug("Cold start")).isEqualTo("cold-start");
    assertThat(slug("Replies (`LambdaReply`)")).isEqualTo("replies-lambdareply");
    assertThat(slug("`serve`: the native replies of the ingress"))
        .isEqualTo("serve-the-native-replies-of-the-ingress");
    assertThat(slug("Decisions (where the issue was silent)"))
        .isEqualTo("decisions-where-the-issue-was-silent");
  }

  private static void grep(Path file, Pattern pattern, List<String> found) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (pattern.matcher(lines.get(i)).find()) {
        found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
      }
    }
  }

  /** The repository's files with this extension, outside build output and version control. */
  private static List<Path> files(String extension) throws IOException {
    try (Stream<Path> all = Files.walk(ROOT)) {
      return all.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(extension))
          .filter(
              p -> {
                for (Path part : ROOT.relativize(p)) {
                  String s = part.toString();
                  if (s.equals("target") || s.startsWith(".") || s.equals("node_modules")) {
                    return false;
                  }
                }
                return true;
              })
          .sorted()
          .toList();
    }
  }

  /** The link targets of a Markdown text, outside fenced code blocks and code spans. */
  static List<String> links(String markdown) {
    List<String> out = new ArrayList<>();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        continue;
      }
      Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /** The anchors GitHub gives the headings of a Markdown file (with -1, -2 for repeats). */
  private static Set<String> anchors(Path md) throws IOException {
    Set<String> out = new HashSet<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(md, StandardCharsets.UTF_8)) {
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced && line.startsWith("#")) {
        String s = slug(line.replaceFirst("^#+\\s*", ""));
        String a = s;
        for (int n = 1; !out.add(a); n++) {
          a = s + "-" + n;
        }
      }
    }
    return out;
  }

  /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
  static String slug(String heading) {
    return heading
        .strip()
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N} _-]", "")
        .replace(' ', '-');
  }
}
