package dev.rollback.internal.run;

import dev.rollback.Check;
import dev.rollback.Phase;
import dev.rollback.RollbackPlan;
import dev.rollback.Signal;
import dev.rollback.Step;
import dev.rollback.internal.PlanParts;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.SignalSource;
import dev.rollback.spi.StepHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The adapters of an executor and the step, check and signal kinds each interprets. */
public final class Registry {

  private final Map<String, Adapter> adapters = new LinkedHashMap<>();
  private final Map<String, StepHandler> steps = new LinkedHashMap<>();
  private final Map<String, CheckEvaluator> checks = new LinkedHashMap<>();
  private final Map<String, SignalSource> signals = new LinkedHashMap<>();
  private final Map<String, String> owners = new LinkedHashMap<>();

  /**
   * Registers adapters, in order.
   *
   * @param list the adapters
   * @throws IllegalArgumentException when two adapters share a name or a kind, or an adapter declares a kind
   *     outside its name's namespace
   */
  public Registry(List<Adapter> list) {
    for (Adapter a : list) {
      String name = a.name();
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("adapter " + a.getClass().getName() + " has no name");
      }
      if (adapters.containsKey(name)) {
        throw new IllegalArgumentException("two adapters are named '" + name + "': "
            + adapters.get(name).getClass().getName() + " and " + a.getClass().getName());
      }
      adapters.put(name, a);
      add("step", name, a.steps(), steps);
      add("check", name, a.checks(), checks);
      add("signal", name, a.signals(), signals);
    }
  }

  private <T> void add(String what, String adapter, Map<String, T> kinds, Map<String, T> into) {
    for (Map.Entry<String, T> e : kinds.entrySet()) {
      String kind = e.getKey();
      if (!kind.startsWith(adapter + ".")) {
        throw new IllegalArgumentException("adapter '" + adapter + "' declares " + what + " kind '" + kind
            + "' outside its namespace '" + adapter + ".'");
      }
      if (into.containsKey(kind)) {
        throw new IllegalArgumentException(what + " kind '" + kind + "' is declared twice by adapter '" + adapter
            + "'");
      }
      into.put(kind, e.getValue());
      owners.put(what + ":" + kind, adapter);
    }
  }

  /**
   * The adapters, in registration order.
   *
   * @return the adapters
   */
  public List<Adapter> adapters() {
    return Collections.unmodifiableList(new ArrayList<>(adapters.values()));
  }

  StepHandler step(String kind) {
    return steps.get(kind);
  }

  CheckEvaluator check(String kind) {
    return checks.get(kind);
  }

  SignalSource signal(String kind) {
    return signals.get(kind);
  }

  Adapter ownerOfStep(String kind) {
    return adapters.get(owners.get("step:" + kind));
  }

  /**
   * Every kind a run of the plan may use that no adapter interprets, each with where it is used, for an error
   * before anything runs. Recovery strategies are left out: a run does not execute them.
   *
   * @param plan the plan
   * @return the problems, in plan order
   */
  List<String> missing(RollbackPlan plan) {
    return missing(plan, Set.of(), false);
  }

  /**
   * Every kind a run may use that no adapter interprets, leaving out the namespaces of adapters the run may skip.
   *
   * @param plan the plan
   * @param skippable adapters whose absence the run's options allow
   * @param recoveries whether to include the recovery strategies' kinds
   * @return the problems, in plan order
   */
  List<String> missing(RollbackPlan plan, Set<String> skippable, boolean recoveries) {
    List<String> out = new ArrayList<>();
    kinds(plan, recoveries).forEach((key, where) -> {
      String kind = key.substring(key.indexOf(':') + 1);
      if (!known(key) && !skippable.contains(namespace(kind))) {
        out.add(where + hint(kind));
      }
    });
    return out;
  }

  /**
   * The adapters a run of the plan uses that are not registered, by the namespaces of its kinds.
   *
   * @param plan the plan
   * @param recoveries whether to include the recovery strategies' kinds
   * @return the adapters' names
   */
  Set<String> unregistered(RollbackPlan plan, boolean recoveries) {
    Set<String> out = new LinkedHashSet<>();
    kinds(plan, recoveries).keySet().forEach(key -> {
      String ns = namespace(key.substring(key.indexOf(':') + 1));
      if (!adapters.containsKey(ns)) {
        out.add(ns);
      }
    });
    return out;
  }

  /** The adapter a kind belongs to: the part of its name before the first dot. */
  static String namespace(String kind) {
    return PlanParts.namespace(kind);
  }

  private boolean known(String key) {
    String kind = key.substring(key.indexOf(':') + 1);
    return key.startsWith("step:") ? steps.containsKey(kind) : key.startsWith("check:") ? checks.containsKey(kind)
        : signals.containsKey(kind);
  }

  /** Every kind a run may use, prefixed by what it is (step:, check:, signal:), with where it is used. */
  private Map<String, String> kinds(RollbackPlan plan, boolean recoveries) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Phase ph : PlanParts.phases(plan, recoveries)) {
      for (Step s : ph.steps()) {
        out.putIfAbsent("step:" + s.kind(), "step kind '" + s.kind() + "' (step '" + s.name() + "' in phase '"
            + ph.name() + "')");
      }
    }
    for (Check c : PlanParts.checks(plan, recoveries)) {
      out.putIfAbsent("check:" + c.kind(), "check kind '" + c.kind() + "' (check '" + c.name() + "')");
    }
    for (Signal s : PlanParts.signals(plan, recoveries)) {
      out.putIfAbsent("signal:" + s.kind(), "signal kind '" + s.kind() + "' (signal " + s.displayName() + ")");
    }
    return out;
  }

  private String hint(String kind) {
    String ns = namespace(kind);
    return adapters.containsKey(ns) ? ", which adapter '" + ns + "' does not provide"
        : "; register the '" + ns + "' adapter";
  }
}
