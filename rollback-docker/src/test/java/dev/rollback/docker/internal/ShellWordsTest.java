package dev.rollback.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShellWordsTest {

  @Test
  void splitsAsAPosixShellDoes() {
    assertThat(ShellWords.split("sh -c 'echo \"a b\"; exit 3'")).containsExactly("sh", "-c", "echo \"a b\"; exit 3");
    assertThat(ShellWords.split("  a\\ b \"c \\\"d\\\" \\x\" ''  ")).containsExactly("a b", "c \"d\" \\x", "");
    assertThat(ShellWords.split("")).isEmpty();
    assertThat(ShellWords.split("x'y'\"z\"")).containsExactly("xyz");
  }

  @Test
  void anUnclosedQuoteIsAnError() {
    assertThatThrownBy(() -> ShellWords.split("echo 'oops"))
        .hasMessage("the single quote at position 5 of \"echo 'oops\" is not closed");
  }
}
