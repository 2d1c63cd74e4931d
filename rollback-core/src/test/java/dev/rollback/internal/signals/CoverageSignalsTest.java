package dev.rollback.internal.signals;

import static dev.rollback.Rollback.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Signals;
import dev.rollback.Unit;
import dev.rollback.spi.Measurement;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Line coverage from the real JaCoCo and coverage.py reports, and Cobertura's formats. */
class CoverageSignalsTest {

  @TempDir Path workspace;

  @Test
  void jacocoLineCoverageIsTheReportsOwnLineCounter() throws Exception {
    Reports.copy("jacoco", workspace);

    Measurement m = SignalContexts.measure(Signals.lineCoverage(path("jacoco/jacoco.xml")), workspace);

    assertThat(m.value()).hasValue(9.0 / 13);
    assertThat(m.unit()).isEqualTo(Unit.RATIO);
    assertThat(m.summary()).isEqualTo("9 of 13 lines covered (69.2308%) according to JaCoCo report jacoco/jacoco.xml");
    assertThat(m.evidence()).containsEntry("format", "JaCoCo").containsEntry("linesValid", 13L);
  }

  @Test
  void coveragePyCoberturaReportGivesLinesCoveredOverLinesValid() throws Exception {
    Reports.copy("cobertura", workspace);

    Measurement m = SignalContexts.measure(Signals.lineCoverage(path("cobertura/coverage.xml")), workspace);

    assertThat(m.value()).hasValue(11.0 / 16);
    assertThat(m.evidence()).containsEntry("format", "Cobertura");
  }

  @Test
  void coberturaReportWithItsDoctypeIsReadWithoutFetchingTheDtd() throws Exception {
    Reports.copy("cobertura", workspace);

    Measurement m = SignalContexts.measure(Signals.lineCoverage(path("cobertura/coverage-04-java.xml")), workspace);

    assertThat(m.value()).hasValue(0.75);
  }

  @Test
  void olderCoberturaReportsWithoutTotalsCountTheClassesLinesNotTheMethodsRepeats() throws Exception {
    Reports.copy("cobertura", workspace);

    Measurement m = SignalContexts.measure(Signals.lineCoverage(path("cobertura/coverage-03.xml")), workspace);

    assertThat(m.value()).hasValue(3.0 / 5);
  }
}
