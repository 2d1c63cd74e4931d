package dev.rollback.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * mermaid-cli ({@code mmdc}) in Debian's Chromium, as {@code scripts/install-mermaid.sh} installs it, and the checks
 * that say whether it drew a Markdown file's Mermaid blocks as written. {@code mmdc} exits 0 on some broken charts
 * (a gantt task line Mermaid took for a keyword loses its bars), so a clean render is all of: exit status 0, nothing
 * on standard error (with {@code -q} a clean render prints nothing), one SVG per block, no {@code NaN} in an SVG's
 * attributes and no {@code Invalid Date} among its texts; and, for gantt charts, every task's text drawn as the
 * chart names it.
 */
final class MermaidCli {

  /** A {@code ```mermaid} block as mmdc finds them in Markdown. */
  static final Pattern BLOCK = Pattern.compile("^[^\\S\\n]*```mermaid[^\\S\\n]*\\n(.*?)^[^\\S\\n]*```[^\\S\\n]*$",
      Pattern.DOTALL | Pattern.MULTILINE);
  private static final Pattern TASK = Pattern.compile("^    (.*?):(?:(?:crit|active|done|milestone), )*(t\\d+), ",
      Pattern.MULTILINE);
  private static final Pattern ENTITY = Pattern.compile("#(\\d+);");
  private static final Pattern NAN = Pattern.compile("=\"[^\"]*NaN");

  private final Path mmdc;
  private final Path config;

  private MermaidCli(Path mmdc, Path config) {
    this.mmdc = mmdc;
    this.config = config;
  }

  /**
   * Finds mmdc: {@code -Drollback.mmdc} (scripts/test.sh sets it), else {@code ROLLBACK_MMDC}, else
   * {@code scripts/mermaid/node_modules/.bin/mmdc} of the repository, with {@code scripts/mermaid/puppeteer-config.json}
   * (or {@code -Drollback.mmdc.config}).
   *
   * @param root the repository's root
   * @return mmdc, or why it cannot run here
   */
  static Found find(Path root) {
    String given = Optional.ofNullable(System.getProperty("rollback.mmdc"))
        .orElse(System.getenv("ROLLBACK_MMDC"));
    Path mmdc = given != null && !given.isBlank() ? Path.of(given)
        : root.resolve("scripts/mermaid/node_modules/.bin/mmdc");
    Path config = Optional.ofNullable(System.getProperty("rollback.mmdc.config")).map(Path::of)
        .orElse(root.resolve("scripts/mermaid/puppeteer-config.json"));
    if (!Files.isExecutable(mmdc)) {
      return new Found(null, "no mermaid-cli at " + mmdc + ": run scripts/install-mermaid.sh (scripts/test.sh does)"
          + " or point -Drollback.mmdc at one");
    }
    if (!Files.isRegularFile(config)) {
      return new Found(null, "no puppeteer configuration at " + config);
    }
    if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
      return new Found(null, "no /usr/bin/chromium: run scripts/install-mermaid.sh as root (it installs Debian's"
          + " chromium)");
    }
    return new Found(new MermaidCli(mmdc, config), null);
  }

  /** mmdc, or why not. */
  record Found(MermaidCli cli, String whyNot) {}

  /** What mmdc made of one Markdown file. */
  record Rendered(Path markdown, int exit, String stderr, List<String> blocks, List<Path> svgs) {

    /** Every way the render went wrong; empty when every block was drawn as written. */
    List<String> problems() throws IOException {
      List<String> p = new ArrayList<>();
      if (exit != 0) {
        p.add("mmdc exited " + exit);
      }
      if (!stderr.isBlank()) {
        p.add("mmdc printed on standard error:\n" + stderr.lines().limit(20).collect(Collectors.joining("\n")));
      }
      if (svgs.size() != blocks.size()) {
        p.add(blocks.size() + " mermaid blocks but " + svgs.size() + " SVGs (the first block not drawn failed)");
      }
      for (int i = 0; i < svgs.size(); i++) {
        String svg = Files.readString(svgs.get(i), StandardCharsets.UTF_8);
        Matcher nan = NAN.matcher(svg);
        if (nan.find()) {
          p.add("block " + (i + 1) + ": NaN in an attribute: ..." + svg.substring(Math.max(0, nan.start() - 60),
              Math.min(svg.length(), nan.end() + 20)) + "...");
        }
        if (svg.contains(">Invalid Date<")) {
          p.add("block " + (i + 1) + ": 'Invalid Date' on the axis");
        }
        if (i < blocks.size() && blocks.get(i).startsWith("gantt\n")) {
          p.addAll(ganttTexts(i + 1, blocks.get(i), svg));
        }
      }
      return p;
    }
  }

  /** Each task of a gantt block drawn with the text its line names, entities decoded. */
  static List<String> ganttTexts(int block, String chart, String svg) {
    List<String> p = new ArrayList<>();
    Matcher m = TASK.matcher(chart);
    int tasks = 0;
    while (m.find()) {
      tasks++;
      String expected = decode(m.group(1)).strip();
      Matcher drawn = Pattern.compile("<text id=\"[^\"]*-" + m.group(2) + "-text\"[^>]*>([^<]*)</text>").matcher(svg);
      if (!drawn.find()) {
        p.add("block " + block + ": task " + m.group(2) + " '" + expected + "' is not drawn");
      } else if (!unescapeXml(drawn.group(1)).strip().equals(expected)) {
        p.add("block " + block + ": task " + m.group(2) + " drawn as '" + unescapeXml(drawn.group(1)).strip()
            + "', named '" + expected + "'");
      }
    }
    if (tasks == 0) {
      p.add("block " + block + ": a gantt chart without a task line");
    }
    return p;
  }

  static String decode(String s) {
    Matcher m = ENTITY.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(new String(Character.toChars(Integer.parseInt(m.group(1))))));
    }
    return m.appendTail(b).toString();
  }

  private static String unescapeXml(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&amp;", "&");
  }

  /**
   * Renders every Mermaid block of a Markdown file in one browser.
   *
   * @param markdown the file
   * @param out an empty directory for the SVGs
   * @return what came of it
   */
  Rendered render(Path markdown, Path out) throws IOException, InterruptedException {
    String text = Files.readString(markdown, StandardCharsets.UTF_8);
    List<String> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    String stem = markdown.getFileName().toString().replaceFirst("\\.md$", "");
    Path err = out.resolve(stem + ".stderr");
    ProcessBuilder pb = new ProcessBuilder(mmdc.toString(), "-q", "-p", config.toString(), "-i", markdown.toString(),
        "-o", out.resolve(stem + ".md").toString()).redirectErrorStream(false)
        .redirectOutput(out.resolve(stem + ".stdout").toFile()).redirectError(err.toFile());
    Map<String, String> env = pb.environment();
    env.put("PUPPETEER_SKIP_DOWNLOAD", "1");
    Process p = pb.start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("mmdc did not finish " + markdown + " within 3 minutes");
    }
    List<Path> svgs;
    try (Stream<Path> files = Files.list(out)) {
      svgs = files.filter(f -> f.getFileName().toString().matches(Pattern.quote(stem) + "-\\d+\\.svg"))
          .sorted((a, b) -> Integer.compare(number(a), number(b))).collect(Collectors.toList());
    }
    return new Rendered(markdown, p.exitValue(), Files.readString(err, StandardCharsets.UTF_8), blocks, svgs);
  }

  private static int number(Path svg) {
    String n = svg.getFileName().toString();
    return Integer.parseInt(n.substring(n.lastIndexOf('-') + 1, n.length() - 4));
  }
}
