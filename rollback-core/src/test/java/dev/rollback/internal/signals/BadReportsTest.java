package dev.rollback.internal.signals;

import static dev.rollback.Rollback.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rollback.SignalException;
import dev.rollback.Signals;
import dev.rollback.spi.Measurement;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report files that cannot be read give a clear error naming the file, and XML cannot reach outside. */
class BadReportsTest {

  @TempDir Path workspace;

  @Test
  void anEmptyReportNamesTheFile() throws Exception {
    Files.createDirectories(workspace.resolve("reports"));
    Files.writeString(workspace.resolve("reports/TEST-empty.xml"), "");

    assertThatThrownBy(() -> SignalContexts.measure(Signals.testFailureRate(path("reports")), workspace))
        .isInstanceOf(SignalException.class)
        .hasMessage("test report reports/TEST-empty.xml is empty");
  }

  @Test
  void aMalformedReportNamesTheFileAndWhere() throws Exception {
    Files.writeString(workspace.resolve("TEST-cut.xml"), "<testsuite name='s'>\n<testcase name='a'>\n");

    assertThatThrownBy(() -> SignalContexts.measure(Signals.testFailureRate(path("TEST-cut.xml")), workspace))
        .isInstanceOf(SignalException.class)
        .hasMessageStartingWith("test report TEST-cut.xml is not well-formed XML at line ");
  }

  @Test
  void aCoverageReportGivenAsTestReportIsRefusedNamingItsRoot() {
    Reports.copy("jacoco", workspace);

    assertThatThrownBy(() -> SignalContexts.measure(Signals.testFailureRate(path("jacoco/jacoco.xml")), workspace))
        .isInstanceOf(SignalException.class)
        .hasMessage("test report jacoco/jacoco.xml is not a JUnit XML report: its root element is <report>,"
            + " not <testsuite> or <testsuites>");
  }

  @Test
  void aTestReportGivenAsCoverageReportIsRefusedNamingItsRoot() {
    Reports.copy("gradle", workspace);

    assertThatThrownBy(() -> SignalContexts.measure(
        Signals.lineCoverage(path("gradle/TEST-sample.DurationsTest.xml")), workspace))
        .isInstanceOf(SignalException.class)
        .hasMessage("coverage report gradle/TEST-sample.DurationsTest.xml is neither a JaCoCo report (<report>) nor"
            + " a Cobertura report (<coverage>): its root element is <testsuite>");
  }

  @Test
  void aMissingReportAndADirectoryWithoutReportsAreNamed() throws Exception {
    Files.createDirectories(workspace.resolve("target/surefire-reports"));

    assertThatThrownBy(() -> SignalContexts.measure(Signals.testFailureRate(path("nowhere")), workspace))
        .hasMessage("test report nowhere does not exist");
    assertThatThrownBy(() -> SignalContexts.measure(Signals.testFailureRate(path("target/surefire-reports")),
        workspace))
        .hasMessage("no test report matching TEST-*.xml in target/surefire-reports");
    assertThatThrownBy(() -> SignalContexts.measure(Signals.lineCoverage(path("site/jacoco.xml")), workspace))
        .hasMessage("coverage report site/jacoco.xml does not exist");
  }

  @Test
  void pathsOutsideTheWorkspaceAreRefusedAtRunTime() {
    assertThatThrownBy(() -> SignalContexts.measure(Signals.testFailureRate(path("../elsewhere")), workspace))
        .isInstanceOf(SignalException.class)
        .hasMessage("test report: path '../elsewhere' escapes the repository with '..'");
    assertThatThrownBy(() -> SignalContexts.measure(Signals.lineCoverage(path("/etc/hostname")), workspace))
        .hasMessageContaining("path '/etc/hostname' is absolute");
  }

  @Test
  void aSymbolicLinkOutOfTheWorkspaceIsRefused(@TempDir Path outside) throws Exception {
    Reports.copy("gradle", outside);
    Files.createSymbolicLink(workspace.resolve("reports"), outside.resolve("gradle"));

    assertThatThrownBy(() -> SignalContexts.measure(Signals.testFailureRate(path("reports")), workspace))
        .hasMessage("test report: path 'reports' leads outside the workspace through a symbolic link");
  }

  @Test
  void anExternalEntityIsNeverExpanded() throws Exception {
    Files.writeString(workspace.resolve("secret.txt"), "the-secret-content");
    Files.writeString(workspace.resolve("TEST-xxe.xml"), "<?xml version='1.0'?>\n"
        + "<!DOCTYPE testsuite [<!ENTITY xxe SYSTEM 'file://" + workspace.resolve("secret.txt") + "'>]>\n"
        + "<testsuite><testcase classname='a' name='&xxe;'/></testsuite>\n");

    assertThatThrownBy(() -> SignalContexts.measure(Signals.testFailureRate(path("TEST-xxe.xml")), workspace))
        .isInstanceOf(SignalException.class)
        .hasMessageStartingWith("test report TEST-xxe.xml is not well-formed XML")
        .hasMessageNotContaining("the-secret-content");
  }

  @Test
  void anExternalDtdIsNeverFetched() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      byte[] dtd = "<!ENTITY injected 'from the network'>".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, dtd.length);
      exchange.getResponseBody().write(dtd);
      exchange.close();
    });
    server.start();
    try {
      Files.writeString(workspace.resolve("coverage.xml"), "<?xml version='1.0'?>\n"
          + "<!DOCTYPE coverage SYSTEM 'http://127.0.0.1:" + server.getAddress().getPort() + "/coverage-04.dtd'>\n"
          + "<coverage lines-covered='3' lines-valid='4' line-rate='0.75'><packages/></coverage>\n");

      Measurement m = SignalContexts.measure(Signals.lineCoverage(path("coverage.xml")), workspace);

      assertThat(m.value()).hasValue(0.75);
      assertThat(requests).hasValue(0);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aNonNumericCoverageAttributeNamesTheFileAndAttribute() throws Exception {
    Files.writeString(workspace.resolve("coverage.xml"),
        "<coverage lines-covered='many' lines-valid='4'><packages/></coverage>");

    assertThatThrownBy(() -> SignalContexts.measure(Signals.lineCoverage(path("coverage.xml")), workspace))
        .hasMessage("coverage report coverage.xml: attribute lines-covered of <coverage> at line 1 is not a number:"
            + " 'many'");
  }
}
