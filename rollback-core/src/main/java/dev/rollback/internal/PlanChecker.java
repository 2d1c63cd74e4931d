package dev.rollback.internal;

import dev.rollback.ApprovalPolicy;
import dev.rollback.Arg;
import dev.rollback.Baseline;
import dev.rollback.Check;
import dev.rollback.Condition;
import dev.rollback.Effect;
import dev.rollback.MessageTemplate;
import dev.rollback.Monitoring;
import dev.rollback.MonitoringRule;
import dev.rollback.Phase;
import dev.rollback.PlanCheck;
import dev.rollback.PlanProblem;
import dev.rollback.PlanProblem.Rule;
import dev.rollback.Procedure;
import dev.rollback.RecoveryStrategy;
import dev.rollback.RefName;
import dev.rollback.RepoPath;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.SeverityLevel;
import dev.rollback.Signal;
import dev.rollback.Step;
import dev.rollback.Threshold;
import dev.rollback.Trigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules of {@link RollbackPlan#check()}. Every rule runs over the whole plan and adds what it finds, so a
 * plan's author learns every mistake at once.
 */
public final class PlanChecker {

  private final RollbackPlan plan;
  private final List<PlanProblem> problems = new ArrayList<>();
  /** Every output a step or check of the plan binds, wherever it stands, gathered as the walk binds them. */
  private final Set<String> allOutputs = new HashSet<>();
  /**
   * The arguments of the parameters being checked, each once: one value under two keys (a push's local and remote
   * branch, the same name) is one problem, reported once.
   */
  private final List<Arg> argsSeen = new ArrayList<>(4);

  private PlanChecker(RollbackPlan plan) {
    this.plan = plan;
  }

  /**
   * Checks a plan.
   *
   * @param plan the plan
   * @return every problem found
   */
  public static PlanCheck check(RollbackPlan plan) {
    PlanChecker c = new PlanChecker(plan);
    c.run();
    return new PlanCheck(plan.name(), c.problems);
  }

  /**
   * The longest a procedure can take when everything times out and every retry is used: each step's attempts
   * times its timeout plus the waits between them and the wait for its own approval, plus each validation's
   * timeout.
   *
   * @param plan the plan, for the default timeout
   * @param phases the phases
   * @return the worst case
   */
  public static Duration worstCase(RollbackPlan plan, List<Phase> phases) {
    Duration total = Duration.ZERO;
    for (Phase phase : phases) {
      for (Step s : phase.steps()) {
        total = total.plus(worstCase(plan, s));
      }
      for (Check c : phase.validations()) {
        total = total.plus(c.timeout().orElse(plan.defaultTimeout()));
      }
    }
    return total;
  }

  /**
   * The longest one step can take: the wait for its own approval, if it has one, then attempts times timeout,
   * plus the waits between attempts.
   *
   * @param plan the plan, for the default timeout
   * @param s the step
   * @return the worst case
   */
  public static Duration worstCase(RollbackPlan plan, Step s) {
    return s.timeout().orElse(plan.defaultTimeout()).multipliedBy(s.retry().maxAttempts())
        .plus(s.retry().totalDelay())
        .plus(s.approval().map(ApprovalPolicy::timeout).orElse(Duration.ZERO));
  }

  /**
   * The longest the readiness checklist can take.
   *
   * @param plan the plan
   * @return the sum of the checks' timeouts
   */
  public static Duration checklistWorstCase(RollbackPlan plan) {
    Duration total = Duration.ZERO;
    for (Check c : plan.readinessChecks()) {
      total = total.plus(c.timeout().orElse(plan.defaultTimeout()));
    }
    return total;
  }

  private void run() {
    PlanWalker.walk(plan, new Rules());
  }

  /**
   * The rules, applied as the walk visits each part. What an output may refer to depends on where it stands: the
   * readiness checklist binds first; each procedure, and each recovery strategy, starts from what the checklist
   * binds; verification and health checks run after whichever procedure ran, so they see only what every
   * procedure binds.
   */
  private final class Rules implements PlanWalker.Visitor {
    /** What the readiness checklist binds, then the outputs bound where the walk is. */
    private Set<String> bound = new LinkedHashSet<>(Rollback.BUILT_IN_OUTPUTS);
    private Map<String, PlanPath> bindings = new HashMap<>();
    private Set<String> afterChecklist;
    private Map<String, PlanPath> checklistBindings;
    /** What every procedure binds, the checklist's included; {@code null} before the first procedure. */
    private Set<String> afterAll;
    private Map<String, List<SeverityLevel>> runnersByProcedure;
    /** Why an irreversible step of the procedure or recovery being walked is not covered by an approval. */
    private Function<Step, List<String>> uncoveredBy;
    /** The messages' problems, reported after the message values' as they always were. */
    private final List<PlanProblem> messageProblems = new ArrayList<>();
    private Set<String> signals;

    @Override
    public void plan(RollbackPlan p) {
      if (plan.name().isBlank()) {
        add(PlanPath.of("name"), Rule.EMPTY, "the plan's name is empty");
      }
      shown(PlanPath.of("name"), "name", plan.name(), false);
      shown(PlanPath.of("summary"), "summary", plan.summary(), true);
      positive(PlanPath.of("defaultTimeout"), plan.defaultTimeout());
    }

    @Override
    public void list(PlanPath path, String field, List<?> items) {
      if (field.equals("severities") && items.isEmpty()) {
        add(path, Rule.EMPTY, "the decision matrix has no severity level");
      }
      if (!field.equals("assessment") && !field.equals("metrics")) {
        unique(path, items, PlanChecker::nameOf);
      }
      switch (field) {
        case "procedures":
          runnersByProcedure = new HashMap<>();
          for (SeverityLevel s : plan.severities()) {
            if (s.response().rollsBack()) {
              plan.procedureFor(s)
                  .ifPresent(p -> runnersByProcedure.computeIfAbsent(p.name(), name -> new ArrayList<>()).add(s));
            }
          }
          break;
        case "verifications":
          if (afterAll == null) {
            afterAll = new LinkedHashSet<>(afterChecklist);
          }
          bound = afterAll;
          bindings = new HashMap<>();
          break;
        case "healthChecks":
          bindings = new HashMap<>();
          break;
        case "messages":
          signals = new HashSet<>();
          dev.rollback.Snapshot.signalsOf(plan).forEach(sig -> signals.add(sig.displayName()));
          break;
        default:
          break;
      }
    }

    @Override
    public void endList(PlanPath path, String field, List<?> items) {
      switch (field) {
        case "severities":
          if (plan.procedures().isEmpty()) {
            add(PlanPath.of("procedures"), Rule.EMPTY, "the plan has no procedure");
          }
          plan.emergencyProcedure().ifPresent(name -> {
            if (plan.procedure(name).isEmpty()) {
              add(PlanPath.of("emergencyProcedure"), Rule.UNKNOWN_NAME, "no procedure named '" + name + "'");
            }
          });
          break;
        case "readinessChecks":
          afterChecklist = new LinkedHashSet<>(bound);
          checklistBindings = bindings;
          break;
        default:
          break;
      }
    }

    @Override
    public void trigger(PlanPath path, Trigger t) {
      shown(path.field("description"), "description", t.description(), true);
      PlanChecker.this.condition(path.field("condition"), t.condition());
      List<String> cycle = cycleFrom(t.name(), new ArrayList<>());
      if (!cycle.isEmpty()) {
        add(path.field("condition"), Rule.INVALID_VALUE, "trigger '" + Texts.printable(t.name())
            + "' refers to itself: " + Texts.printable(String.join(" -> ", cycle)));
      }
    }

    @Override
    public void severity(PlanPath path, SeverityLevel s) {
      PlanChecker.this.severity(path, s);
    }

    @Override
    public void signal(PlanPath path, PlanWalker.SignalRole role, Signal s) {
      PlanChecker.this.signal(path, s);
    }

    @Override
    public void procedure(PlanPath path, Procedure p) {
      p.description().ifPresent(d -> shown(path.field("description"), "description", d, true));
      if (p.phases().isEmpty()) {
        add(path, Rule.EMPTY, "procedure has no phases");
      }
      List<SeverityLevel> runners = runnersByProcedure.getOrDefault(p.name(), List.of());
      bound = new LinkedHashSet<>(afterChecklist);
      bindings = new HashMap<>(checklistBindings);
      uncoveredBy = step -> {
        List<String> uncovered = new ArrayList<>();
        for (SeverityLevel s : runners) {
          if (!s.approval().requiresPeople()) {
            uncovered.add("severity '" + s.name() + "' runs it under "
                + s.approval().describe().toLowerCase(Locale.ROOT));
          }
        }
        if (runners.isEmpty()) {
          uncovered.add("no severity level runs procedure '" + p.name() + "', so no approval policy applies");
        }
        return uncovered;
      };
    }

    @Override
    public void endProcedure(PlanPath path, Procedure p) {
      // bound now holds what the checklist and this procedure's steps and validations bind.
      if (afterAll == null) {
        afterAll = bound;
      } else {
        afterAll.retainAll(bound);
      }
    }

    @Override
    public void recovery(PlanPath path, RecoveryStrategy r) {
      r.description().ifPresent(d -> shown(path.field("description"), "description", d, true));
      if (r.phases().isEmpty()) {
        add(path, Rule.EMPTY, "recovery strategy has no phases");
      }
      r.approval().ifPresent(a -> approval(path.field("approval"), a));
      bound = new LinkedHashSet<>(afterChecklist);
      bindings = new HashMap<>();
      uncoveredBy = step -> r.approval().map(ApprovalPolicy::requiresPeople).orElse(false)
          ? List.of()
          : List.of("recovery '" + r.name() + "' has " + r.approval()
              .map(a -> "only " + a.describe().toLowerCase(Locale.ROOT))
              .orElse("no approval policy"));
    }

    @Override
    public void phase(PlanPath path, Phase ph) {
      if (ph.steps().isEmpty()) {
        add(path, Rule.EMPTY, "phase has no steps");
      }
      if (ph.validations().isEmpty()) {
        add(path, Rule.NO_VALIDATION, "phase has no validation to gate the next phase");
      }
    }

    @Override
    public void step(PlanPath path, Step s) {
      s.description().ifPresent(d -> shown(path.field("description"), "description", d, true));
      s.timeout().ifPresent(t -> positive(path.field("timeout"), t));
      params(path.field("params"), s.params(), bound);
      s.approval().ifPresent(a -> approval(path.field("approval"), a));
    }

    @Override
    public void endStep(PlanPath path, Step s) {
      if (s.effect() == Effect.IRREVERSIBLE && !s.approval().map(ApprovalPolicy::requiresPeople).orElse(false)) {
        for (String why : uncoveredBy.apply(s)) {
          add(path, Rule.UNAPPROVED_IRREVERSIBLE_STEP, "irreversible step not covered by an approval policy: "
              + why + "; give the step its own with requiresApproval(...)");
        }
      }
      bind(path, s.output(), bound, bindings);
    }

    @Override
    public void check(PlanPath path, PlanWalker.CheckRole role, Check c) {
      if (role == PlanWalker.CheckRole.PROBE) {
        probe(path, c, bound);
        return;
      }
      c.description().ifPresent(d -> shown(path.field("description"), "description", d, true));
      c.timeout().ifPresent(t -> positive(path.field("timeout"), t));
      params(path.field("params"), c.params(), bound);
      c.condition().ifPresent(cond -> PlanChecker.this.condition(path.field("condition"), cond, bound));
      bind(path, c.output(), bound, bindings);
    }

    @Override
    public void monitoring(PlanPath path, Monitoring m) {
      positive(PlanPath.of("monitoring.interval"), m.interval());
      positive(PlanPath.of("monitoring.period"), m.period());
      if (m.interval().compareTo(m.period()) > 0 && !m.period().isNegative()) {
        add(PlanPath.of("monitoring.interval"), Rule.INVALID_VALUE, "interval " + Texts.duration(m.interval())
            + " is longer than the period " + Texts.duration(m.period()));
      }
    }

    @Override
    public void rule(PlanPath path, MonitoringRule r) {
      PlanChecker.this.condition(path.field("condition"), r.condition());
    }

    @Override
    public void message(PlanPath path, MessageTemplate m) {
      List<PlanProblem> before = new ArrayList<>(problems);
      if (m.channels().isEmpty()) {
        add(path.field("channels"), Rule.EMPTY, "message goes through no channel");
      }
      for (String channel : m.channels()) {
        shown(path.field("channels"), "channel name", channel, false);
      }
      shown(path.field("title"), "title", m.title(), false);
      placeholders(path.field("title"), m, m.title(), allOutputs, signals);
      placeholders(path.field("body"), m, m.body(), allOutputs, signals);
      messageProblems.addAll(problems.subList(before.size(), problems.size()));
      problems.subList(before.size(), problems.size()).clear();
    }

    @Override
    public void messageValue(PlanPath path, String name, Object value) {
      try {
        MessageValues.copy("message value", Map.of(name, value));
      } catch (IllegalArgumentException e) {
        add(path, Rule.INVALID_VALUE, e.getMessage());
      }
      String root = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
      if (MessageTemplates.RUN_DATA.contains(root) || Rollback.BUILT_IN_OUTPUTS.contains(name)) {
        add(path, Rule.DUPLICATE_NAME, "'" + Texts.printable(name) + "' is filled by the run; choose another name");
      } else if (allOutputs.contains(name)) {
        add(path, Rule.DUPLICATE_NAME, "'" + Texts.printable(name) + "' is also an output the plan binds");
      }
    }

    @Override
    public void endPlan(RollbackPlan p) {
      problems.addAll(messageProblems);
    }
  }

  /** The name of a part of a list that {@link #unique} checks. */
  private static String nameOf(Object part) {
    if (part instanceof Step) {
      return ((Step) part).name();
    } else if (part instanceof Check) {
      return ((Check) part).name();
    } else if (part instanceof Phase) {
      return ((Phase) part).name();
    } else if (part instanceof Procedure) {
      return ((Procedure) part).name();
    } else if (part instanceof Trigger) {
      return ((Trigger) part).name();
    } else if (part instanceof SeverityLevel) {
      return ((SeverityLevel) part).name();
    } else if (part instanceof RecoveryStrategy) {
      return ((RecoveryStrategy) part).name();
    } else if (part instanceof MonitoringRule) {
      return ((MonitoringRule) part).name();
    } else if (part instanceof MessageTemplate) {
      return ((MessageTemplate) part).name();
    }
    throw new IllegalArgumentException("not a named part of a plan: " + part.getClass().getName());
  }

  /** The chain of trigger references leading from {@code name} back to the first trigger of the chain. */
  private List<String> cycleFrom(String name, List<String> chain) {
    chain.add(name);
    Optional<Trigger> t = plan.trigger(name);
    if (t.isPresent()) {
      for (String next : t.get().condition().triggers()) {
        if (next.equals(chain.get(0))) {
          chain.add(next);
          return chain;
        }
        if (!chain.contains(next)) {
          List<String> found = cycleFrom(next, new ArrayList<>(chain));
          if (!found.isEmpty()) {
            return found;
          }
        }
      }
    }
    return List.of();
  }

  private void severity(PlanPath path, SeverityLevel s) {
    shown(path.field("description"), "description", s.description(), true);
    condition(path.field("condition"), s.condition());
    approval(path.field("approval"), s.approval());
    s.response().deadline().ifPresent(d -> positive(path.field("response").field("deadline"), d));
    Optional<Procedure> procedure = plan.procedureFor(s);
    if (s.procedure().isPresent() && procedure.isEmpty()) {
      add(path.field("procedure"), Rule.UNKNOWN_NAME, "no procedure named '" + s.procedure().get() + "'");
    }
    if (procedure.isPresent() && s.response().rollsBack() && s.response().deadline().isPresent()) {
      Duration deadline = s.response().deadline().get();
      Duration steps = worstCase(plan, procedure.get().phases());
      Duration approval = s.approval().timeout();
      Duration checklist = checklistWorstCase(plan);
      Duration worst = approval.plus(checklist).plus(steps);
      if (deadline.compareTo(worst) < 0 && !deadline.isNegative() && !deadline.isZero()) {
        add(path.field("response").field("deadline"), Rule.DEADLINE_TOO_SHORT, "deadline " + Texts.duration(deadline)
            + " is shorter than the worst case of procedure '" + procedure.get().name() + "', "
            + Texts.duration(worst) + " (approval " + Texts.duration(approval) + " + checklist "
            + Texts.duration(checklist) + " + steps and validations " + Texts.duration(steps) + ")");
      }
    }
  }

  /**
   * A step's idempotency probe: evaluated where the step stands (it may use what came before), binding nothing,
   * since it runs only when a run resumes.
   */
  private void probe(PlanPath path, Check c, Set<String> bound) {
    c.timeout().ifPresent(t -> positive(path.field("timeout"), t));
    params(path.field("params"), c.params(), bound);
    c.condition().ifPresent(cond -> condition(path.field("condition"), cond, bound));
    if (c.output().isPresent()) {
      add(path.field("output"), Rule.INVALID_VALUE, "an idempotency probe binds no output (it runs only when an"
          + " interrupted run resumes), but check '" + Texts.printable(c.name()) + "' binds '"
          + Texts.printable(c.output().get()) + "'; drop its .as(...)");
    }
  }

  private void bind(PlanPath path, Optional<String> output, Set<String> bound, Map<String, PlanPath> bindings) {
    if (output.isEmpty()) {
      return;
    }
    String name = output.get();
    for (String p : Names.outputNameProblems(name)) {
      add(path.field("output"), Rule.INVALID_VALUE, p);
    }
    if (Rollback.BUILT_IN_OUTPUTS.contains(name)) {
      add(path.field("output"), Rule.DUPLICATE_NAME, "output '" + name + "' is built in and cannot be bound");
    } else {
      PlanPath earlier = bindings.putIfAbsent(name, path);
      if (earlier != null) {
        add(path.field("output"), Rule.DUPLICATE_NAME, "output '" + name + "' is already bound by " + earlier);
      }
    }
    bound.add(name);
    allOutputs.add(name);
  }

  private static Rule ruleFor(Arg a) {
    return a instanceof RepoPath ? Rule.PATH_OUTSIDE_REPOSITORY
        : a instanceof RefName ? Rule.INVALID_REF_NAME : Rule.INVALID_VALUE;
  }

  /**
   * Checks parameters in one pass: durations that are not positive, each argument's own problems, and references
   * to outputs not in {@code bound}; a {@code null} bound means no output can be referred to (a signal measured
   * before any step runs).
   *
   * @param path the path of the parameters, such as {@code procedures[gradual]...steps[revert].params}
   */
  private void params(PlanPath path, Map<String, Object> params, Set<String> bound) {
    argsSeen.clear();
    params.forEach((key, value) -> param(path.field(key), value, bound));
  }

  /** Whether the reference names a further output ({@code name.key}) of a bound output, as steps produce. */
  private static boolean boundAsPart(String ref, Set<String> bound) {
    for (int i = ref.indexOf('.'); i > 0; i = ref.indexOf('.', i + 1)) {
      if (bound.contains(ref.substring(0, i)) && !Rollback.BUILT_IN_OUTPUTS.contains(ref)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One parameter value, standing at {@code where}: a parameter ({@code ...params.remote}), an element of a list
   * ({@code ...params.argv[2]}), an entry of a map. Its problems, a duration's or an argument's, are reported
   * where it stands; an argument used under several keys is reported once, at the first.
   */
  private void param(PlanPath where, Object v, Set<String> bound) {
    if (v instanceof String || v instanceof Boolean || v instanceof Number) {
      return; // nothing to check, and most parameters are text: settled before the slower interface tests below
    } else if (v instanceof Duration) {
      Duration d = (Duration) v;
      if (d.isZero() || d.isNegative()) {
        add(where, Rule.NON_POSITIVE_DURATION, "duration must be positive, was " + Texts.duration(d));
      }
    } else if (v instanceof Arg) {
      Arg a = (Arg) v;
      if (argsSeen.contains(a)) {
        return;
      }
      argsSeen.add(a);
      for (String p : a.problems()) {
        add(where, ruleFor(a), p);
      }
      for (String r : a.references()) {
        if (bound == null) {
          add(where, Rule.INVALID_VALUE, "refers to output '" + r + "'; signals are measured before any step runs");
        } else if (!bound.contains(r) && !boundAsPart(r, bound)) {
          add(where, Rule.UNBOUND_REFERENCE, "refers to output '" + r + "' that no earlier step or check binds");
        }
      }
    } else if (v instanceof List) {
      List<?> list = (List<?>) v;
      for (int i = 0; i < list.size(); i++) {
        param(where.element(i), list.get(i), bound);
      }
    } else if (v instanceof Map) {
      ((Map<?, ?>) v).forEach((key, value) -> param(where.field((String) key), value, bound));
    }
  }

  private void condition(PlanPath path, Condition c) {
    condition(path, c, null);
  }

  /**
   * Checks a condition. Signals of triggers, severities and monitoring are measured before any step runs (or
   * after all of them), so they may not refer to outputs; a check's condition is evaluated where the check
   * stands, after the steps before it, so its signals may.
   */
  private void condition(PlanPath path, Condition c, Set<String> bound) {
    if (c instanceof Condition.Comparison) {
      Condition.Comparison x = (Condition.Comparison) c;
      signal(path, x.signal(), bound);
      if (x.threshold() instanceof Threshold.Relative) {
        Baseline b = ((Threshold.Relative) x.threshold()).baseline();
        if (b instanceof Baseline.FromFile) {
          for (String p : ((Baseline.FromFile) b).file().problems()) {
            add(path.field("baseline"), Rule.PATH_OUTSIDE_REPOSITORY, p);
          }
        } else if (b instanceof Baseline.Median) {
          if (((Baseline.Median) b).samples() < 1) {
            add(path.field("baseline"), Rule.INVALID_VALUE, "a median needs at least 1 sample, was "
                + ((Baseline.Median) b).samples());
          }
          signal(path.field("baseline"), ((Baseline.Median) b).signal(), bound);
        }
      }
    } else if (c instanceof Condition.AllOf) {
      List<Condition> cs = ((Condition.AllOf) c).conditions();
      if (cs.isEmpty()) {
        add(path, Rule.EMPTY, "allOf() of no conditions");
      }
      cs.forEach(x -> condition(path, x, bound));
    } else if (c instanceof Condition.AnyOf) {
      List<Condition> cs = ((Condition.AnyOf) c).conditions();
      if (cs.isEmpty()) {
        add(path, Rule.EMPTY, "anyOf() of no conditions");
      }
      cs.forEach(x -> condition(path, x, bound));
    } else if (c instanceof Condition.Not) {
      condition(path, ((Condition.Not) c).condition(), bound);
    } else if (c instanceof Condition.Consecutive) {
      Condition.Consecutive x = (Condition.Consecutive) c;
      if (x.times() < 1) {
        add(path, Rule.INVALID_VALUE, "consecutive samples must be at least 1, was " + x.times());
      }
      condition(path, x.condition(), bound);
    } else if (c instanceof Condition.Sustained) {
      Condition.Sustained x = (Condition.Sustained) c;
      positive(path.field("window"), x.window());
      condition(path, x.condition(), bound);
    } else if (c instanceof Condition.TriggerRef) {
      String name = ((Condition.TriggerRef) c).name();
      if (plan.trigger(name).isEmpty()) {
        add(path, Rule.UNKNOWN_NAME, "no trigger named '" + Texts.printable(name) + "'");
      }
    }
  }

  private void signal(PlanPath path, Signal s) {
    signal(path, s, null);
  }

  private void signal(PlanPath path, Signal s, Set<String> bound) {
    s.name().ifPresent(n -> shown(path.field("name"), "signal name", n, false));
    params(path.field("signal"), s.params(), bound);
  }

  private void approval(PlanPath path, ApprovalPolicy a) {
    if (a.kind() == ApprovalPolicy.Kind.CONSENSUS) {
      if (a.quorum() < 1) {
        add(path, Rule.INVALID_APPROVAL, "quorum must be at least 1, was " + a.quorum());
      } else if (a.quorum() > a.roles().size()) {
        add(path, Rule.INVALID_APPROVAL, "quorum " + a.quorum() + " exceeds the " + a.roles().size()
            + (a.roles().size() == 1 ? " role named" : " roles named"));
      }
    }
    if (a.requiresPeople()) {
      if (a.roles().isEmpty()) {
        add(path, Rule.INVALID_APPROVAL, "names no role");
      }
      for (String r : a.roles()) {
        if (r.isBlank()) {
          add(path, Rule.INVALID_APPROVAL, "a role name is empty");
        }
      }
      positive(path.field("timeout"), a.timeout());
    }
  }

  /** A template's syntax, then each name it uses outside a section: something a run of the plan fills. */
  private void placeholders(PlanPath path, MessageTemplate m, String template, Set<String> outputs,
      Set<String> signals) {
    List<String> syntax = MessageTemplates.problems(template);
    for (String problem : syntax) {
      add(path, Rule.INVALID_VALUE, problem);
    }
    if (!syntax.isEmpty()) {
      return;
    }
    for (String name : MessageTemplates.topLevelNames(template)) {
      String why = MessageTemplates.unknownName(name, m.event(), outputs, signals, plan.messageValues().keySet());
      if (why != null) {
        add(path, Rule.UNKNOWN_NAME, "placeholder {{" + Texts.printable(name) + "}} " + why);
      }
    }
  }

  /** Reports blank names and names used twice in one list, each duplicate once, where it is first repeated. */
  private <T> void unique(PlanPath path, List<? extends T> items, Function<T, String> name) {
    // Most lists are short: comparing a name with the earlier ones then costs less than hashing them all.
    boolean hash = items.size() > 16;
    Set<String> seen = hash ? new HashSet<>() : null;
    Set<String> reported = hash ? new HashSet<>() : null;
    String[] names = new String[items.size()];
    for (int i = 0; i < names.length; i++) {
      String n = name.apply(items.get(i));
      names[i] = n;
      if (n.isBlank()) {
        add(path.named(n), Rule.EMPTY, "name is empty");
      } else if (hash ? !seen.add(n) && reported.add(n) : timesBefore(names, i, n) == 1) {
        add(path.named(n), Rule.DUPLICATE_NAME, "duplicate name '" + Texts.printable(n) + "'");
      }
      shown(path.named(n), "name", n, false);
    }
  }

  /** How many of the first {@code end} names equal {@code n}: 0, 1, or 2 for two or more. */
  private static int timesBefore(String[] names, int end, String n) {
    int times = 0;
    for (int i = 0; i < end && times < 2; i++) {
      if (names[i].equals(n)) {
        times++;
      }
    }
    return times;
  }

  /**
   * Refuses control characters in text people read on terminals and in reports: names (one line) and descriptions
   * (line feeds and tabs allowed). Printed raw, they move the cursor, clear the screen, retitle the window, or hide
   * text.
   */
  private void shown(PlanPath path, String what, String text, boolean lines) {
    if (lines ? !Texts.hasControlBesidesLines(text) : !Texts.hasControl(text)) {
      return;
    }
    java.util.Set<String> found = new java.util.LinkedHashSet<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Texts.isControl(c) && !(lines && (c == '\n' || c == '\t'))) {
        found.add(Texts.printable(String.valueOf(c)));
      }
    }
    add(path, Rule.INVALID_VALUE, what + " '" + Texts.printable(text) + "' holds control characters ("
        + String.join(", ", found) + "), which would act on a terminal instead of being shown: remove them");
  }

  private void positive(PlanPath path, Duration d) {
    if (d.isZero() || d.isNegative()) {
      add(path, Rule.NON_POSITIVE_DURATION, "duration must be positive, was " + Texts.duration(d));
    }
  }

  private void add(PlanPath path, Rule rule, String message) {
    problems.add(new PlanProblem(path.toString(), rule, message));
  }
}
