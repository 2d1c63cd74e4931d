package dev.rollback;

import static dev.rollback.Rollback.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.decide.BaselineException;
import dev.rollback.decide.Baselines;
import dev.rollback.spi.Measurement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baselines read from JSON files in the repository, recorded after a good run, and their errors. */
class BaselinesTest {

  @TempDir Path repo;

  private Baselines baselines() {
    return Baselines.forWorkspace(repo);
  }

  private void write(String file, String content) throws Exception {
    Path p = repo.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  @Test
  void readsANumberByADottedKey() throws Exception {
    write("perf/baseline.json", "{\"ci\": {\"test_time\": 123.5}, \"total.time\": 7}");

    assertThat(baselines().read(path("perf/baseline.json"), "ci.test_time")).isEqualTo(123.5);
    assertThat(baselines().read(path("perf/baseline.json"), "total.time")).isEqualTo(7);
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> baselines().read(path("perf/baseline.json"), "total"))
        .isInstanceOf(BaselineException.class)
        .hasMessage("baseline file perf/baseline.json does not exist in " + repo.toAbsolutePath().normalize());
  }

  @Test
  void aMissingKeyIsNamedWithTheKeysThatAreThere() throws Exception {
    write("perf/baseline.json", "{\"ci\": {\"test_time\": 1}, \"other\": 2}");

    assertThatThrownBy(() -> baselines().read(path("perf/baseline.json"), "ci.total"))
        .isInstanceOf(BaselineException.class)
        .hasMessage("baseline file perf/baseline.json has no key 'ci.total' (its keys: ci, other)");
  }

  @Test
  void aValueThatIsNotANumberIsNamedWithTheFileAndKey() throws Exception {
    write("perf/baseline.json", "{\"total\": \"120\"}");

    assertThatThrownBy(() -> baselines().read(path("perf/baseline.json"), "total"))
        .hasMessage("baseline file perf/baseline.json: key 'total' holds text \"120\", not a number");
  }

  @Test
  void anEmptyOrInvalidOrNonObjectFileIsNamed() throws Exception {
    write("empty.json", "  \n");
    write("bad.json", "{\"total\": 12,\n \"x\": }");
    write("list.json", "[1, 2]");

    assertThatThrownBy(() -> baselines().read(path("empty.json"), "total"))
        .hasMessage("baseline file empty.json is empty");
    assertThatThrownBy(() -> baselines().read(path("bad.json"), "total"))
        .hasMessageStartingWith("baseline file bad.json is not valid JSON at line 2, column ");
    assertThatThrownBy(() -> baselines().read(path("list.json"), "total"))
        .hasMessage("baseline file list.json must hold a JSON object, holds an array");
  }

  @Test
  void filesOutsideTheWorkspaceAreRefused() {
    assertThatThrownBy(() -> baselines().read(path("../baseline.json"), "total"))
        .hasMessage("baseline file: path '../baseline.json' escapes the repository with '..'");
    assertThatThrownBy(() -> Baselines.withoutWorkspace().read(path("baseline.json"), "total"))
        .hasMessage("baseline file baseline.json cannot be used: no workspace was given");
  }

  @Test
  void recordingKeepsOtherKeysAndTheirOrder() throws Exception {
    write("perf/baseline.json", "{\n  \"first\" : 1,\n  \"ci\" : {\n    \"test_time\" : 100,\n    \"keep\" : true\n"
        + "  },\n  \"last\" : \"text\"\n}\n");

    baselines().record(path("perf/baseline.json"), "ci.test_time", 95);

    assertThat(Files.readString(repo.resolve("perf/baseline.json"))).isEqualTo("{\n  \"first\" : 1,\n"
        + "  \"ci\" : {\n    \"test_time\" : 95,\n    \"keep\" : true\n  },\n  \"last\" : \"text\"\n}\n");
  }

  @Test
  void recordingCreatesTheFileAndNestedKeys() throws Exception {
    baselines().record(path("perf/new/baseline.json"), Map.of("ci.test_time", 118.25));

    assertThat(baselines().read(path("perf/new/baseline.json"), "ci.test_time")).isEqualTo(118.25);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(repo.resolve("perf/new/baseline.json"))))
        .isEqualTo("rw-r--r--");
    try (var files = Files.list(repo.resolve("perf/new"))) {
      assertThat(files).containsExactly(repo.resolve("perf/new/baseline.json"));
    }
  }

  @Test
  void recordingIntoABrokenFileChangesNothing() throws Exception {
    write("perf/baseline.json", "{\"ci\": 5}");

    assertThatThrownBy(() -> baselines().record(path("perf/baseline.json"), "ci.test_time", 1))
        .hasMessage("cannot record 'ci.test_time' in baseline file perf/baseline.json: 'ci' holds the number 5, not an object");
    assertThat(Files.readString(repo.resolve("perf/baseline.json"))).isEqualTo("{\"ci\": 5}");
  }

  @Test
  void recordingRefusesNonFiniteValues() {
    assertThatThrownBy(() -> baselines().record(path("b.json"), "total", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseline 'total' must be a finite number, was NaN");
    assertThat(repo.resolve("b.json")).doesNotExist();
  }

  @Test
  void resolvesEveryKindOfBaseline() throws Exception {
    write("b.json", "{\"total\": 120}");
    Signal time = Signal.of("t", Unit.SECONDS, "time", Map.of());
    Snapshot snapshot = Snapshot.of(Map.of(time, Measurement.of(90, Unit.SECONDS, "m")), Instant.EPOCH);

    assertThat(baselines().resolve(Baseline.fixed(5, Unit.SECONDS), snapshot)).isEqualTo(5);
    assertThat(baselines().resolve(Baseline.file(path("b.json"), "total"), snapshot)).isEqualTo(120);
    assertThat(baselines().resolve(Baseline.median(time, 1), snapshot)).isEqualTo(90);
    assertThatThrownBy(() -> baselines().resolve(Baseline.median(time, 3), snapshot))
        .hasMessage("median of the last 3 time needs 3 samples, there is 1");
  }
}
