package dev.rollback.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerIgnoreTest {

  private static DockerIgnore rules(String... lines) {
    return DockerIgnore.parse(List.of(lines));
  }

  @Test
  void aPatternMatchingAFolderExcludesWhatIsInside() {
    DockerIgnore i = rules("node_modules", "/build");
    assertThat(i.excludes("node_modules")).isTrue();
    assertThat(i.excludes("node_modules/a/b.js")).isTrue();
    assertThat(i.excludes("build/x")).isTrue();
    assertThat(i.excludes("src/node_modules")).as("patterns are anchored at the root").isFalse();
    assertThat(i.skipsFolder("node_modules")).isTrue();
  }

  @Test
  void starsStayInOneSegmentAndDoubleStarsCrossThem() {
    DockerIgnore i = rules("*.log", "**/*.tmp", "docs/**", "a?c");
    assertThat(i.excludes("x.log")).isTrue();
    assertThat(i.excludes("sub/x.log")).isFalse();
    assertThat(i.excludes("x.tmp")).isTrue();
    assertThat(i.excludes("deep/er/x.tmp")).isTrue();
    assertThat(i.excludes("docs/a/b.md")).isTrue();
    assertThat(i.excludes("abc")).isTrue();
    assertThat(i.excludes("abbc")).isFalse();
  }

  @Test
  void theLastMatchingRuleWinsAndExclamationIncludesAgain() {
    DockerIgnore i = rules("# comment", "", "*.md", "!README.md", "README.md ");
    assertThat(i.excludes("CHANGES.md")).isTrue();
    assertThat(i.excludes("README.md")).as("excluded again by the last rule").isTrue();
    DockerIgnore j = rules("logs", "!logs/keep.log");
    assertThat(j.excludes("logs/keep.log")).isFalse();
    assertThat(j.skipsFolder("logs")).as("a rule includes something again").isFalse();
  }

  @Test
  void characterClassesWork() {
    DockerIgnore i = rules("file[0-9].txt", "x[!a].y");
    assertThat(i.excludes("file3.txt")).isTrue();
    assertThat(i.excludes("filea.txt")).isFalse();
    assertThat(i.excludes("xb.y")).isTrue();
    assertThat(i.excludes("xa.y")).isFalse();
  }
}
