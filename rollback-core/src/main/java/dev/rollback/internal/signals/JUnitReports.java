package dev.rollback.internal.signals;

import dev.rollback.SignalException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads JUnit XML test reports as Maven Surefire, Gradle and pytest ({@code --junitxml}) write them: a
 * {@code <testsuite>} or {@code <testsuites>} root with {@code <testcase>} elements, at any depth.
 *
 * <p>Outcomes are counted from the {@code <testcase>} elements, never from the suites' attributes (Surefire writes
 * inconsistent totals when it reruns tests). A test case is:
 * <ul>
 *   <li>failed when it has a {@code <failure>} or {@code <error>} (its {@code <rerunFailure>}s only repeat that);</li>
 *   <li>skipped when it has a {@code <skipped>} (pytest's xfail included);</li>
 *   <li>flaky when it passed after failing first: Surefire's {@code <flakyFailure>} / {@code <flakyError>} from
 *       {@code rerunFailingTestsCount};</li>
 *   <li>passed otherwise.</li>
 * </ul>
 */
final class JUnitReports {

  /** A test case's outcome. */
  enum Outcome { PASSED, FAILED, SKIPPED, FLAKY }

  /** The outcomes of one run: every test case read, by id ({@code classname#name}) in file order. */
  static final class Run {
    final List<String> files = new ArrayList<>();
    final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    int total;
    int failed;
    int skipped;
    int flaky;

    int executed() {
      return total - skipped;
    }

    List<String> idsWith(Outcome outcome, int max) {
      List<String> out = new ArrayList<>();
      for (Map.Entry<String, Outcome> e : outcomes.entrySet()) {
        if (e.getValue() == outcome && out.size() < max) {
          out.add(e.getKey());
        }
      }
      return out;
    }
  }

  private JUnitReports() {}

  /** Reads the reports of one run: a report file, or a directory's files matching the glob. */
  static Run read(Path workspace, String path, String include) {
    Run run = new Run();
    for (Path file : ReportFiles.find(workspace, path, include, "test report")) {
      readFile(workspace, file, run);
    }
    return run;
  }

  private static void readFile(Path workspace, Path file, Run run) {
    String shown = ReportFiles.shown(workspace, file);
    run.files.add(shown);
    int[] caseDepth = {-1};
    String[] id = {null};
    Outcome[] outcome = {null};
    SecureXml.parse(file, shown, "test report", new SecureXml.Handler() {
      @Override
      public void start(XMLStreamReader r, int depth) {
        String name = r.getLocalName();
        if (depth == 0 && !name.equals("testsuite") && !name.equals("testsuites")) {
          throw new SignalException("test report " + shown + " is not a JUnit XML report: its root element is <"
              + name + ">, not <testsuite> or <testsuites>");
        }
        if (name.equals("testcase") && caseDepth[0] < 0) {
          caseDepth[0] = depth;
          String cls = r.getAttributeValue(null, "classname");
          String test = r.getAttributeValue(null, "name");
          id[0] = (cls == null || cls.isEmpty() ? "" : cls + "#") + (test == null ? "?" : test);
          outcome[0] = Outcome.PASSED;
        } else if (caseDepth[0] >= 0 && depth == caseDepth[0] + 1) {
          switch (name) {
            case "failure":
            case "error":
              outcome[0] = Outcome.FAILED;
              break;
            case "skipped":
              if (outcome[0] != Outcome.FAILED) {
                outcome[0] = Outcome.SKIPPED;
              }
              break;
            case "flakyFailure":
            case "flakyError":
              if (outcome[0] == Outcome.PASSED) {
                outcome[0] = Outcome.FLAKY;
              }
              break;
            default:
              break;
          }
        }
      }

      @Override
      public void end(XMLStreamReader r, int depth) {
        if (depth == caseDepth[0] && r.getLocalName().equals("testcase")) {
          caseDepth[0] = -1;
          run.total++;
          switch (outcome[0]) {
            case FAILED:
              run.failed++;
              break;
            case SKIPPED:
              run.skipped++;
              break;
            case FLAKY:
              run.flaky++;
              break;
            default:
              break;
          }
          Outcome before = run.outcomes.put(id[0], outcome[0]);
          if (before == Outcome.FAILED || before == Outcome.FLAKY && outcome[0] == Outcome.PASSED) {
            // The same test twice in one run (two report files): keep the worse outcome.
            run.outcomes.put(id[0], before);
          }
        }
      }
    });
  }
}
