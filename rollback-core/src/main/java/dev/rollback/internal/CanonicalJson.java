package dev.rollback.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.rollback.ApprovalPolicy;
import dev.rollback.Arg;
import dev.rollback.Baseline;
import dev.rollback.Check;
import dev.rollback.Condition;
import dev.rollback.MessageTemplate;
import dev.rollback.Monitoring;
import dev.rollback.MonitoringRule;
import dev.rollback.Phase;
import dev.rollback.Procedure;
import dev.rollback.RecoveryStrategy;
import dev.rollback.Response;
import dev.rollback.RetryPolicy;
import dev.rollback.RollbackPlan;
import dev.rollback.SeverityLevel;
import dev.rollback.Signal;
import dev.rollback.Step;
import dev.rollback.Threshold;
import dev.rollback.Trigger;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The canonical JSON form of a plan: every field in a fixed order, map keys sorted, no whitespace, durations in
 * ISO-8601, floating-point numbers as their exact decimal expansion, so the same plan gives the same bytes on any
 * JVM version and machine. The plan's hash is the SHA-256 of these bytes.
 */
public final class CanonicalJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private CanonicalJson() {}

  /**
   * Writes a plan in canonical form.
   *
   * @param plan the plan
   * @return the JSON text
   */
  public static String write(RollbackPlan plan) {
    StringWriter out = new StringWriter(32768);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      PlanWalker.walk(plan, new CanonicalJson.Writer(g));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * The SHA-256 of a text's UTF-8 bytes, in lower-case hex.
   *
   * @param text the text
   * @return 64 hex digits
   */
  public static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder(64);
      for (byte x : d) {
        b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Writes the plan as the walk visits its parts; a part holding others writes its own fields around them, a
   * part holding none (a trigger, a check, a signal) writes itself whole.
   */
  private static final class Writer implements PlanWalker.Visitor {
    private final JsonGenerator g;
    private RollbackPlan plan;

    Writer(JsonGenerator g) {
      this.g = g;
    }

    /** Writing into a string does not fail; Jackson's checked exception leaves the walk unchecked. */
    @FunctionalInterface
    private interface Write {
      void run() throws IOException;
    }

    private static void write(Write w) {
      try {
        w.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void plan(RollbackPlan p) {
      plan = p;
      write(() -> {
        g.writeStartObject();
        g.writeStringField("format", "rollback-plan/1");
        g.writeStringField("name", p.name());
        g.writeStringField("summary", p.summary());
      });
    }

    @Override
    public void list(PlanPath path, String field, List<?> items) {
      write(() -> g.writeArrayFieldStart(field));
    }

    @Override
    public void endList(PlanPath path, String field, List<?> items) {
      write(() -> {
        g.writeEndArray();
        switch (field) {
          case "assessment":
            strings("impactAnalysis", plan.impactAnalysis());
            break;
          case "procedures":
            optionalString("emergencyProcedure", plan.emergencyProcedure());
            break;
          case "healthChecks":
            if (plan.monitoring().isEmpty()) {
              g.writeNullField("monitoring");
            }
            break;
          default:
            break;
        }
      });
    }

    @Override
    public void endPlan(RollbackPlan p) {
      write(() -> {
        if (!p.messageValues().isEmpty()) {
          g.writeFieldName("messageValues");
          value(p.messageValues());
        }
        strings("successCriteria", p.successCriteria());
        g.writeStringField("defaultTimeout", p.defaultTimeout().toString());
        g.writeEndObject();
      });
    }

    @Override
    public void trigger(PlanPath path, Trigger t) {
      write(() -> {
        g.writeStartObject();
        g.writeStringField("name", t.name());
        g.writeStringField("description", t.description());
        g.writeFieldName("condition");
        condition(t.condition());
        g.writeEndObject();
      });
    }

    @Override
    public void severity(PlanPath path, SeverityLevel s) {
      write(() -> severity(s));
    }

    @Override
    public void signal(PlanPath path, PlanWalker.SignalRole role, Signal s) {
      write(() -> signal(s));
    }

    @Override
    public void check(PlanPath path, PlanWalker.CheckRole role, Check c) {
      write(() -> {
        if (role == PlanWalker.CheckRole.PROBE) {
          // Written only when present, so the hashes of plans without a probe stay what they were.
          g.writeFieldName("appliedWhen");
        }
        check(c);
      });
    }

    @Override
    public void procedure(PlanPath path, Procedure p) {
      write(() -> {
        g.writeStartObject();
        g.writeStringField("name", p.name());
        optionalString("description", p.description());
      });
    }

    @Override
    public void endProcedure(PlanPath path, Procedure p) {
      write(g::writeEndObject);
    }

    @Override
    public void phase(PlanPath path, Phase ph) {
      write(() -> {
        g.writeStartObject();
        g.writeStringField("name", ph.name());
        optionalString("action", ph.action());
      });
    }

    @Override
    public void endPhase(PlanPath path, Phase ph) {
      write(() -> {
        g.writeStringField("onFailure", ph.onFailure().name());
        g.writeEndObject();
      });
    }

    @Override
    public void step(PlanPath path, Step s) {
      write(() -> step(s));
    }

    @Override
    public void endStep(PlanPath path, Step s) {
      write(g::writeEndObject);
    }

    @Override
    public void monitoring(PlanPath path, Monitoring m) {
      write(() -> {
        g.writeFieldName("monitoring");
        g.writeStartObject();
      });
    }

    @Override
    public void endMonitoring(PlanPath path, Monitoring m) {
      write(() -> {
        g.writeStringField("interval", m.interval().toString());
        g.writeStringField("period", m.period().toString());
        g.writeEndObject();
      });
    }

    @Override
    public void rule(PlanPath path, MonitoringRule r) {
      write(() -> {
        g.writeStartObject();
        g.writeStringField("name", r.name());
        g.writeFieldName("condition");
        condition(r.condition());
        g.writeStringField("action", r.action());
        g.writeEndObject();
      });
    }

    @Override
    public void recovery(PlanPath path, RecoveryStrategy r) {
      write(() -> {
        g.writeStartObject();
        g.writeStringField("name", r.name());
        g.writeStringField("kind", r.kind().name());
        optionalString("description", r.description());
        strings("keep", r.keep());
        strings("revert", r.revert());
      });
    }

    @Override
    public void endRecovery(PlanPath path, RecoveryStrategy r) {
      write(() -> {
        g.writeFieldName("approval");
        if (r.approval().isPresent()) {
          approval(r.approval().get());
        } else {
          g.writeNull();
        }
        g.writeEndObject();
      });
    }

    @Override
    public void message(PlanPath path, MessageTemplate m) {
      write(() -> {
        g.writeStartObject();
        g.writeStringField("name", m.name());
        g.writeStringField("event", m.event().name());
        g.writeStringField("title", m.title());
        g.writeStringField("body", m.body());
        strings("channels", m.channels());
        g.writeEndObject();
      });
    }

    void severity(SeverityLevel s) throws IOException {
      g.writeStartObject();
      g.writeStringField("name", s.name());
      g.writeStringField("description", s.description());
      g.writeFieldName("condition");
      condition(s.condition());
      g.writeFieldName("response");
      response(s.response());
      g.writeFieldName("approval");
      approval(s.approval());
      optionalString("procedure", s.procedure());
      g.writeEndObject();
    }

    void response(Response r) throws IOException {
      g.writeStartObject();
      g.writeStringField("kind", r.kind().name());
      optionalString("deadline", r.deadline().map(Duration::toString));
      optionalString("label", r.label());
      g.writeEndObject();
    }

    void approval(ApprovalPolicy a) throws IOException {
      g.writeStartObject();
      g.writeStringField("kind", a.kind().name());
      strings("roles", a.roles());
      g.writeNumberField("quorum", a.quorum());
      g.writeStringField("timeout", a.timeout().toString());
      g.writeEndObject();
    }

    void step(Step s) throws IOException {
      g.writeStartObject();
      g.writeStringField("name", s.name());
      g.writeStringField("kind", s.kind());
      g.writeFieldName("params");
      value(s.params());
      g.writeStringField("effect", s.effect().name());
      optionalString("description", s.description());
      optionalString("output", s.output());
      optionalString("timeout", s.timeout().map(Duration::toString));
      RetryPolicy r = s.retry();
      g.writeObjectFieldStart("retry");
      g.writeNumberField("maxAttempts", r.maxAttempts());
      g.writeStringField("delay", r.delay().toString());
      g.writeFieldName("multiplier");
      number(r.multiplier());
      g.writeStringField("maxDelay", r.maxDelay().toString());
      g.writeEndObject();
      g.writeFieldName("approval");
      if (s.approval().isPresent()) {
        approval(s.approval().get());
      } else {
        g.writeNull();
      }
      // The step's probe, if any, follows as a check, then endStep closes the object.
    }

    void check(Check c) throws IOException {
      g.writeStartObject();
      g.writeStringField("name", c.name());
      g.writeStringField("kind", c.kind());
      g.writeFieldName("params");
      value(c.params());
      g.writeFieldName("condition");
      if (c.condition().isPresent()) {
        condition(c.condition().get());
      } else {
        g.writeNull();
      }
      optionalString("description", c.description());
      optionalString("output", c.output());
      optionalString("timeout", c.timeout().map(Duration::toString));
      g.writeEndObject();
    }

    void signal(Signal s) throws IOException {
      g.writeStartObject();
      g.writeStringField("kind", s.kind());
      g.writeFieldName("params");
      value(s.params());
      g.writeStringField("unit", s.unit().name());
      optionalString("name", s.name());
      g.writeStringField("label", s.label());
      g.writeEndObject();
    }

    void condition(Condition c) throws IOException {
      g.writeStartObject();
      if (c instanceof Condition.Comparison) {
        Condition.Comparison x = (Condition.Comparison) c;
        g.writeStringField("type", "compare");
        g.writeFieldName("signal");
        signal(x.signal());
        g.writeStringField("operator", x.operator().name());
        g.writeFieldName("threshold");
        threshold(x.threshold());
      } else if (c instanceof Condition.AllOf) {
        g.writeStringField("type", "allOf");
        g.writeArrayFieldStart("conditions");
        for (Condition x : ((Condition.AllOf) c).conditions()) {
          condition(x);
        }
        g.writeEndArray();
      } else if (c instanceof Condition.AnyOf) {
        g.writeStringField("type", "anyOf");
        g.writeArrayFieldStart("conditions");
        for (Condition x : ((Condition.AnyOf) c).conditions()) {
          condition(x);
        }
        g.writeEndArray();
      } else if (c instanceof Condition.Not) {
        g.writeStringField("type", "not");
        g.writeFieldName("condition");
        condition(((Condition.Not) c).condition());
      } else if (c instanceof Condition.Consecutive) {
        g.writeStringField("type", "consecutive");
        g.writeNumberField("times", ((Condition.Consecutive) c).times());
        g.writeFieldName("condition");
        condition(((Condition.Consecutive) c).condition());
      } else if (c instanceof Condition.Sustained) {
        g.writeStringField("type", "sustained");
        g.writeStringField("window", ((Condition.Sustained) c).window().toString());
        g.writeFieldName("condition");
        condition(((Condition.Sustained) c).condition());
      } else if (c instanceof Condition.TriggerRef) {
        g.writeStringField("type", "trigger");
        g.writeStringField("name", ((Condition.TriggerRef) c).name());
      } else {
        g.writeStringField("type", "declared");
        g.writeStringField("name", ((Condition.Declared) c).name());
      }
      g.writeEndObject();
    }

    void threshold(Threshold t) throws IOException {
      g.writeStartObject();
      if (t instanceof Threshold.Absolute) {
        g.writeStringField("type", "absolute");
        g.writeFieldName("value");
        number(((Threshold.Absolute) t).value());
      } else {
        Threshold.Relative r = (Threshold.Relative) t;
        g.writeStringField("type", "relative");
        g.writeFieldName("baseline");
        baseline(r.baseline());
        g.writeStringField("adjustment", r.adjustment().name());
        g.writeFieldName("amount");
        number(r.amount());
      }
      g.writeEndObject();
    }

    void baseline(Baseline b) throws IOException {
      g.writeStartObject();
      if (b instanceof Baseline.Fixed) {
        g.writeStringField("type", "fixed");
        g.writeFieldName("value");
        number(((Baseline.Fixed) b).value());
        g.writeStringField("unit", ((Baseline.Fixed) b).unit().name());
      } else if (b instanceof Baseline.FromFile) {
        g.writeStringField("type", "file");
        g.writeStringField("file", ((Baseline.FromFile) b).file().path());
        g.writeStringField("key", ((Baseline.FromFile) b).key());
      } else {
        g.writeStringField("type", "median");
        g.writeFieldName("signal");
        signal(((Baseline.Median) b).signal());
        g.writeNumberField("samples", ((Baseline.Median) b).samples());
      }
      g.writeEndObject();
    }

    void value(Object v) throws IOException {
      if (v instanceof String) {
        g.writeString((String) v);
      } else if (v instanceof Boolean) {
        g.writeBoolean((Boolean) v);
      } else if (v instanceof Integer || v instanceof Long) {
        g.writeNumber(((Number) v).longValue());
      } else if (v instanceof Double) {
        number((Double) v);
      } else if (v instanceof Duration) {
        g.writeStartObject();
        g.writeStringField("$duration", v.toString());
        g.writeEndObject();
      } else if (v instanceof Arg) {
        g.writeStartObject();
        g.writeStringField("$arg", ((Arg) v).type());
        g.writeStringField("text", ((Arg) v).text());
        g.writeEndObject();
      } else if (v instanceof List) {
        g.writeStartArray();
        for (Object e : (List<?>) v) {
          value(e);
        }
        g.writeEndArray();
      } else if (v instanceof Map) {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : new TreeMap<>((Map<?, ?>) v).entrySet()) {
          g.writeFieldName((String) e.getKey());
          value(e.getValue());
        }
        g.writeEndObject();
      } else {
        throw new IllegalStateException("not plain data: " + v.getClass().getName());
      }
    }

    void number(double d) throws IOException {
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        g.writeNumber((long) d);
      } else {
        g.writeNumber(new BigDecimal(d).stripTrailingZeros().toPlainString());
      }
    }

    void strings(String field, List<String> values) throws IOException {
      g.writeArrayFieldStart(field);
      for (String s : values) {
        g.writeString(s);
      }
      g.writeEndArray();
    }

    void optionalString(String field, Optional<String> value) throws IOException {
      if (value.isPresent()) {
        g.writeStringField(field, value.get());
      } else {
        g.writeNullField(field);
      }
    }
  }
}
