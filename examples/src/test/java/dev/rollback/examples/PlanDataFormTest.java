package dev.rollback.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.rollback.Checks;
import dev.rollback.Phase;
import dev.rollback.Procedure;
import dev.rollback.RollbackPlan;
import dev.rollback.Signals;
import dev.rollback.Steps;
import dev.rollback.docker.DockerChecks;
import dev.rollback.docker.DockerSignals;
import dev.rollback.docker.DockerSteps;
import dev.rollback.git.Culprits;
import dev.rollback.git.GitBisect;
import dev.rollback.git.GitChecks;
import dev.rollback.git.GitSignals;
import dev.rollback.git.GitSteps;
import dev.rollback.github.GitHubChecks;
import dev.rollback.github.GitHubSignals;
import dev.rollback.github.GitHubSteps;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A plan's data form (each element's kind and plain parameters) and therefore its hash do not change when the DSL
 * or the adapters change inside: a journal records the hash, and resuming refuses another one. Pinned here for the
 * P3-007 plan and the seed's plans (their hashes), and for a plan that calls every factory of every kind (its
 * canonical form, in {@code src/test/resources/golden/every-kind-plan.json}; run with
 * {@code -Drollback.golden.write=true} to write it again after a change that is meant to change the data form).
 */
class PlanDataFormTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden/every-kind-plan.json");
  private static final Path GOLDEN_ELEMENTS = Path.of("src/test/resources/golden/every-kind-elements.txt");

  @Test
  void theP3007PlanHashesAsItAlwaysDid() {
    assertThat(P3007Plan.plan().hash()).isEqualTo("0d05854d1c3c7d3b78811467a19be965239833a1cd36481377cc38cb9add0f73");
  }

  @Test
  void theSeedPlansHashAsTheyAlwaysDid() {
    assertThat(SeedGitPlans.configuration().hash()).isEqualTo("c83c6356fe0cda59b306468c16d649a3cdb3265017058c6f597ea005e37f505b");
    assertThat(SeedGitPlans.emergency().hash()).isEqualTo("7d0fb895ec85867fe576e9b2800666df074fc3f576787d3e628ac0a6263fbac5");
    assertThat(SeedDockerPlans.recoveryValidation().hash()).isEqualTo("8af90f2f9f8d714fada455a5150e66c50d5cc7e7ecb8aa0382345056bf0d58a7");
  }

  @Test
  void everyFactoryWritesTheDataFormItAlwaysDid() throws IOException {
    RollbackPlan plan = EveryKindPlan.plan();
    String pretty = pretty(plan.canonicalJson());
    if (Boolean.getBoolean("rollback.golden.write")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, pretty, StandardCharsets.UTF_8);
    }

    assertThat(pretty).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    assertThat(plan.hash()).isEqualTo("3581396e17af2274c9b562b731142cea28dafd378383986aa63b494b7d5be9e0");
  }

  /**
   * The canonical form sorts parameters by name; previews, runbooks and {@code toString()} show them in the order the
   * factory wrote them, and the effect each factory chose.
   */
  @Test
  void everyFactoryWritesItsParametersInTheOrderItAlwaysDid() throws IOException {
    RollbackPlan plan = EveryKindPlan.plan();
    StringBuilder b = new StringBuilder();
    plan.assessment().forEach(s -> b.append(s.kind()).append(" | ").append(s.displayName()).append(" | ")
        .append(s.unit()).append(" | ").append(s.params()).append('\n'));
    plan.readinessChecks().forEach(c -> b.append(c.kind()).append(" | ").append(c.name()).append(" | ")
        .append(c.params()).append('\n'));
    for (Procedure p : plan.procedures()) {
      for (Phase ph : p.phases()) {
        ph.steps().forEach(s -> b.append(s.kind()).append(" | ").append(s.name()).append(" | ").append(s.effect())
            .append(" | ").append(s.params()).append('\n'));
      }
    }
    plan.verifications().forEach(c -> b.append(c.kind()).append(" | ").append(c.name()).append(" | ")
        .append(c.params()).append('\n'));
    if (Boolean.getBoolean("rollback.golden.write")) {
      Files.writeString(GOLDEN_ELEMENTS, b, StandardCharsets.UTF_8);
    }

    assertThat(b.toString()).isEqualTo(Files.readString(GOLDEN_ELEMENTS, StandardCharsets.UTF_8));
  }

  @Test
  void theGoldenPlanUsesEveryKindOfEveryAdapter() throws IllegalAccessException {
    RollbackPlan plan = EveryKindPlan.plan();
    Set<String> used = new TreeSet<>();
    plan.assessment().forEach(s -> used.add(s.kind()));
    plan.readinessChecks().forEach(c -> used.add(c.kind()));
    plan.verifications().forEach(c -> used.add(c.kind()));
    for (Procedure p : plan.procedures()) {
      for (Phase ph : p.phases()) {
        ph.steps().forEach(s -> used.add(s.kind()));
        ph.validations().forEach(c -> used.add(c.kind()));
      }
    }

    Set<String> declared = new TreeSet<>();
    for (Class<?> factory : new Class<?>[] {Steps.class, Checks.class, Signals.class, GitSteps.class,
        GitChecks.class, GitSignals.class, GitBisect.class, Culprits.class, DockerSteps.class, DockerChecks.class,
        DockerSignals.class,
        GitHubSteps.class, GitHubChecks.class, GitHubSignals.class}) {
      for (Field f : factory.getFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class
            && String.valueOf(f.get(null)).matches("(core|git|docker|github)\\.[A-Za-z]+")) {
          declared.add((String) f.get(null));
        }
      }
    }
    assertThat(declared).hasSizeGreaterThan(50);
    assertThat(used).containsAll(declared);
  }

  /** Canonical JSON is one line; one value a line makes a failing comparison readable. */
  private static String pretty(String json) throws IOException {
    JsonFactory f = new JsonFactory();
    StringWriter out = new StringWriter();
    try (JsonParser p = f.createParser(json); JsonGenerator g = f.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      p.nextToken();
      g.copyCurrentStructure(p);
    }
    return out + "\n";
  }
}
