package dev.rollback.internal.signals;

import dev.rollback.SignalException;
import java.nio.file.Path;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads line coverage from a JaCoCo XML report ({@code <report>} root: its own {@code LINE} counter) or a
 * Cobertura XML report ({@code <coverage>} root, as Cobertura and coverage.py write it: its
 * {@code lines-covered} and {@code lines-valid}, else the lines of its classes), telling them apart by the root.
 */
final class CoverageReports {

  /** Line counts read from a report. */
  record Lines(String format, long covered, long valid) {}

  private CoverageReports() {}

  static Lines read(Path workspace, String path) {
    Path file = ReportFiles.resolve(workspace, path, "coverage report");
    String shown = ReportFiles.shown(workspace, file);
    String what = "coverage report";
    double[] jacoco = {Double.NaN, Double.NaN};
    double[] cobertura = {Double.NaN, Double.NaN};
    long[] classLines = {0, 0};
    // Depth of the <method> being read in a Cobertura report, so its lines (repeated from the class) are skipped.
    int[] inMethod = {-1};
    String root = SecureXml.parse(file, shown, what, new SecureXml.Handler() {
      private String rootName;

      @Override
      public void start(XMLStreamReader r, int depth) {
        String name = r.getLocalName();
        if (depth == 0) {
          rootName = name;
          if (name.equals("coverage")) {
            cobertura[0] = SecureXml.number(r, "lines-covered", shown, what);
            cobertura[1] = SecureXml.number(r, "lines-valid", shown, what);
          } else if (!name.equals("report")) {
            throw new SignalException(what + " " + shown + " is neither a JaCoCo report (<report>) nor a Cobertura"
                + " report (<coverage>): its root element is <" + name + ">");
          }
        } else if ("report".equals(rootName)) {
          if (depth == 1 && name.equals("counter") && "LINE".equals(r.getAttributeValue(null, "type"))) {
            jacoco[0] = SecureXml.number(r, "covered", shown, what);
            jacoco[1] = SecureXml.number(r, "missed", shown, what);
          }
        } else if (name.equals("method") && inMethod[0] < 0) {
          inMethod[0] = depth;
        } else if (name.equals("line") && inMethod[0] < 0) {
          double hits = SecureXml.number(r, "hits", shown, what);
          classLines[1]++;
          if (hits > 0) {
            classLines[0]++;
          }
        }
      }

      @Override
      public void end(XMLStreamReader r, int depth) {
        if (depth == inMethod[0]) {
          inMethod[0] = -1;
        }
      }
    });
    if (root.equals("report")) {
      if (Double.isNaN(jacoco[0]) || Double.isNaN(jacoco[1])) {
        throw new SignalException(what + " " + shown + " is a JaCoCo report without a LINE counter for the whole"
            + " report");
      }
      return new Lines("JaCoCo", (long) jacoco[0], (long) (jacoco[0] + jacoco[1]));
    }
    if (!Double.isNaN(cobertura[0]) && !Double.isNaN(cobertura[1])) {
      return new Lines("Cobertura", (long) cobertura[0], (long) cobertura[1]);
    }
    return new Lines("Cobertura", classLines[0], classLines[1]);
  }
}
