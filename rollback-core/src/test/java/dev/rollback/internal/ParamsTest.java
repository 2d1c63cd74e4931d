package dev.rollback.internal;

import static dev.rollback.Rollback.path;
import static dev.rollback.Rollback.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Arg;
import dev.rollback.Effect;
import dev.rollback.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link Params}: parameters are plain data, copied deeply, in an order that is the same on every JVM. */
class ParamsTest {

  @Test
  void plainDataIsAccepted() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("text", "x");
    params.put("flag", true);
    params.put("int", 1);
    params.put("long", 2L);
    params.put("double", 0.5);
    params.put("wait", Duration.ofSeconds(3));
    params.put("arg", path("ci.yml"));
    params.put("list", List.of("a", List.of(1, 2), Map.of("k", ref("culprit"))));

    Params.requirePlainData("step s", params);
  }

  @Test
  void anythingElseIsRefusedNamingTheParameterAndItsType() {
    assertThatThrownBy(() -> Params.requirePlainData("step s", Map.of("ratio", 0.5f)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("step s parameter 'ratio' has type java.lang.Float; use text, a number, a boolean, a Duration,"
            + " an Arg (ref, path, secret...), or a List or Map of those");
    assertThatThrownBy(() -> Params.requirePlainData("step s", Map.of("files", List.of("a", new Object()))))
        .hasMessageStartingWith("step s parameter 'files'[1] has type java.lang.Object");
    assertThatThrownBy(() -> Params.requirePlainData("step s", Map.of("env", Map.of("A", Map.of("B", new int[0])))))
        .hasMessageStartingWith("step s parameter 'env'.A.B has type [I");
  }

  @Test
  void nullIsRefusedWithAHintToLeaveTheParameterOut() {
    Map<String, Object> params = new HashMap<>();
    params.put("from", null);

    assertThatThrownBy(() -> Step.of("test.x", "x", Effect.READ_ONLY, params))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("step x parameter 'from' is null; leave the parameter out instead");
    assertThatThrownBy(() -> Step.of("test.x", "x", Effect.READ_ONLY, Map.of("files", Arrays.asList("a", null))))
        .hasMessage("step x parameter 'files'[1] is null; leave the parameter out instead");
  }

  @Test
  void mapKeysMustBeText() {
    Map<Object, Object> inner = new HashMap<>();
    inner.put(1, "one");

    assertThatThrownBy(() -> Step.of("test.x", "x", Effect.READ_ONLY, Map.of("numbers", inner)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("step x parameter 'numbers' has a key that is not text: 1");
  }

  @Test
  void aParameterAddedLaterIsCheckedAndCopiedToo() {
    Step step = Step.of("test.x", "x", Effect.READ_ONLY, Map.of());
    List<String> files = new ArrayList<>(List.of("a"));
    Step with = step.with("files", files);
    files.add("b");

    assertThat(with.params()).containsEntry("files", List.of("a"));
    assertThatThrownBy(() -> step.with("ratio", 0.5f))
        .hasMessageStartingWith("step x parameter 'ratio' has type java.lang.Float");
  }

  @Test
  void frozenParametersAreADeepCopyThatCannotChange() {
    List<String> files = new ArrayList<>(List.of("a"));
    Step step = Step.of("test.x", "x", Effect.READ_ONLY, Map.of("files", files));
    files.add("b");

    assertThat(step.params().get("files")).isEqualTo(List.of("a"));
    assertThatThrownBy(() -> ((List<Object>) step.params().get("files")).add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void mapsWithADeclaredOrderKeepItAndOthersAreSortedByKey() {
    Map<String, Object> declared = new LinkedHashMap<>();
    declared.put("zeta", 1);
    declared.put("alpha", 2);
    Map<String, Object> unordered = new HashMap<>(declared);

    assertThat(Params.plainCopy("step s", declared).keySet()).containsExactly("zeta", "alpha");
    assertThat(Params.plainCopy("step s", new TreeMap<>(declared)).keySet()).containsExactly("alpha", "zeta");
    assertThat(Params.plainCopy("step s", unordered).keySet()).containsExactly("alpha", "zeta");
    assertThat(Params.plainCopy("step s", Map.of("zeta", 1, "alpha", 2, "mu", 3)).keySet())
        .containsExactly("alpha", "mu", "zeta");
  }

  @Test
  void argsAreFoundInsideListsAndMaps() {
    List<Arg> args = new ArrayList<>();
    Params.collectArgs(List.of(path("a"), Map.of("k", List.of(ref("culprit")))), args);

    assertThat(args).containsExactly(path("a"), ref("culprit"));
  }

  @Test
  void valuesShowAsShortText() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("wait", Duration.ofMinutes(2));
    params.put("from", ref("culprit"));
    params.put("files", List.of(path("a"), "b"));

    assertThat(Params.show(params)).isEqualTo("{wait=2 minutes, from=${culprit}, files=[a, b]}");
  }
}
