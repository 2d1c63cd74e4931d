package dev.rollback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Names}: ref names validated as Git does, paths confined to the repository, output and secret names. */
class NamesTest {

  /** Names Git treats in every way, good and bad, per the rules of git-check-ref-format(1). */
  private static final List<String> TRICKY_REF_NAMES = List.of(
      "main", "feature/x", "rollback-p3-007-20260101", "a.b", "a/b/c", "refs/heads/main", "ünïcode", "a{b", "a}b",
      "a_b", "a+b", "a=b", "a,b", "a.lock.b", "a@b", "a@", "@x", "@@", "@", "x/@", "@/x", "head", "a/HEAD",
      "HEAD/a", "refs/heads/HEAD", "a'b", "a\"b", "a!b", "a#b", "a$b", "a%b", "a&b", "a(b)", "a;b", "a<b>",
      "a|b", "a`b", "..a", "a-", "-", "-x", "--x", "HEAD", "", "a..b", "a..", "..", ".", ".a", "a/.b", "a/./b",
      "a/../b", "x.lock", ".lock", "a/.lock", "a/b.lock/c", "a.lock/b", ".x.lock", "foo.", "a/b.", "a//b", "/a",
      "a/", "a b", " a", "a ", "a~1", "a^", "a^{}", "a:b", "a?", "a*", "a*b/c", "a[b", "a]b", "a\\b", "@{-1}",
      "a@{b", "a@{", "@{", "a\tb", "a\u0001b", "a\u001fb", "a\u007fb", "a\nb", "a\u0080b", "a\u00a0b", "日本語",
      "a/b/c/d/e/f/g/h/i/j/k/l/m", "a.b.c", "a/b.c/d");

  private static Path repo;

  @BeforeAll
  static void gitRepository(@TempDir Path dir) throws Exception {
    repo = dir;
    assertThat(git("init", "-q", ".").exit).isZero();
  }

  @Test
  void refNamesAreValidExactlyWhenGitAcceptsThemAsBranchNames() throws Exception {
    List<String> disagreements = new ArrayList<>();
    for (String name : TRICKY_REF_NAMES) {
      boolean gitAccepts = git("check-ref-format", "--branch", name).exit == 0;
      List<String> problems = Names.refNameProblems(name);
      if (gitAccepts != problems.isEmpty()) {
        disagreements.add("'" + Texts.printable(name) + "': git " + (gitAccepts ? "accepts" : "refuses")
            + ", Names says " + problems);
      }
    }
    assertThat(disagreements).isEmpty();
  }

  @Test
  void aRefNameProblemNamesTheValueAndTheRule() {
    assertThat(Names.refNameProblems("a..b")).containsExactly("ref name 'a..b' contains '..'");
    assertThat(Names.refNameProblems("-x")).containsExactly("ref name '-x' starts with '-'");
    assertThat(Names.refNameProblems("a\u0007b")).containsExactly("ref name 'a\\u0007b' contains control characters");
    assertThat(Names.refNameProblems("a@{1}")).containsExactly("ref name 'a@{1}' contains '@{'");
    assertThat(Names.refNameProblems("x.lock")).containsExactly("ref name 'x.lock' has a component ending with '.lock'");
    assertThat(Names.refNameProblems("HEAD")).containsExactly("ref name 'HEAD' is reserved");
    assertThat(Names.refNameProblems("")).containsExactly("ref name is empty");
    assertThat(Names.refNameProblems("a b~")).containsExactly("ref name 'a b~' contains ' '", "ref name 'a b~' contains '~'");
  }

  @Test
  void pathsInsideTheRepositoryAreValid() {
    for (String path : List.of(".", "ci.yml", ".github/workflows/ci.yml", "./scripts/x.sh", "a/b/", "a..b/c",
        "..a", "dir with space/f", "ünïcode.txt", ".gitignore", "sub/.git")) {
      assertThat(Names.repoPathProblems(path)).as(path).isEmpty();
    }
  }

  @Test
  void pathsThatEscapeTheRepositoryAreNamedWithTheReason() {
    assertThat(Names.repoPathProblems("../x")).containsExactly("path '../x' escapes the repository with '..'");
    assertThat(Names.repoPathProblems("a/../../x")).containsExactly("path 'a/../../x' escapes the repository with '..'");
    assertThat(Names.repoPathProblems("a\\..\\x")).containsExactly("path 'a\\..\\x' escapes the repository with '..'");
    assertThat(Names.repoPathProblems("/etc/passwd"))
        .containsExactly("path '/etc/passwd' is absolute; paths are relative to the repository's root");
    assertThat(Names.repoPathProblems("C:\\Windows")).hasSize(1).allMatch(p -> p.contains("is absolute"));
    assertThat(Names.repoPathProblems("~/x")).hasSize(1).allMatch(p -> p.contains("is absolute"));
    assertThat(Names.repoPathProblems(".git/config"))
        .containsExactly("path '.git/config' points into the repository's .git directory");
    assertThat(Names.repoPathProblems("a\u0000b")).containsExactly("path 'a\\u0000b' holds control characters");
    assertThat(Names.repoPathProblems("")).containsExactly("path is empty");
  }

  @Test
  void outputAndSecretNamesStartWithALetter() {
    assertThat(Names.outputNameProblems("culprit")).isEmpty();
    assertThat(Names.outputNameProblems("run.date")).isEmpty();
    assertThat(Names.outputNameProblems("1st")).containsExactly(
        "output name '1st' must start with a letter and hold only letters, digits, '_', '.' and '-'");
    assertThat(Names.outputNameProblems("fix-1_a.B")).isEmpty();
    for (String bad : new String[] {"", "_x", "-x", ".x", "a b", "a/b", "a{b", "caf\u00e9", "a\u0007"}) {
      assertThat(Names.outputNameProblems(bad)).as(bad).containsExactly("output name '" + Texts.printable(bad)
          + "' must start with a letter and hold only letters, digits, '_', '.' and '-'");
    }
    assertThat(Names.secretNameProblems("_GITHUB_TOKEN")).isEmpty();
    assertThat(Names.secretNameProblems("a b")).hasSize(1);
  }

  private static Result git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  private static final class Result {
    final int exit;
    final String output;

    Result(int exit, String output) {
      this.exit = exit;
      this.output = output;
    }

    @Override
    public String toString() {
      return exit + ": " + output;
    }
  }
}
