package dev.rollback.temporal;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a fleet is asked to do: one plan over targets, in a canary wave then the rest, with a concurrency limit, a
 * stop when too large a share fails, an approval and a deadline across the fleet. Build one with {@link #builder}.
 *
 * @param fleetId the fleet's id, which names its workflow ({@code fleet-...}); letters, digits, {@code . _ -}
 * @param planSource where workers load the plan from: a script's path on every worker, or a class name
 * @param planHash the plan's hash ({@link dev.rollback.RollbackPlan#hash()}): a worker whose plan differs refuses
 * @param planName the plan's name, for the report
 * @param procedure the procedure to run; empty for the plan's standard one
 * @param targets the targets, in order; the first {@code canary} are the canary wave
 * @param canary how many targets the canary wave has (0 for none); the rest start only when it all succeeded
 * @param concurrency how many targets run at once, at most
 * @param maxFailureShare the share of all targets that may fail (0 to 1) before no new target starts
 * @param approvalRequired whether the fleet waits for an {@code approve} signal before any target starts
 * @param deadlineSeconds the deadline across the fleet, from its start: the approval waits at most this long, and no
 *     target starts after it
 * @param monitorSeconds after a target's rollback, how long its health checks are watched (0 for not at all)
 * @param takeoverMillis how soon another worker takes over the work of one that died: the workflow task timeout
 *     of the fleet and its targets and the heartbeat timeout of their activities (0 for 10 s and 30 s, for real
 *     clusters; tests on the test server use 2 s)
 */
public record FleetSpec(String fleetId, String planSource, String planHash, String planName, String procedure,
    List<FleetTarget> targets, int canary, int concurrency, double maxFailureShare, boolean approvalRequired,
    long deadlineSeconds, long monitorSeconds, long takeoverMillis) {

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException naming the field and the value that is wrong
   * @param fleetId see the record
   * @param planSource see the record
   * @param planHash see the record
   * @param planName see the record
   * @param procedure see the record
   * @param targets see the record
   * @param canary see the record
   * @param concurrency see the record
   * @param maxFailureShare see the record
   * @param approvalRequired see the record
   * @param deadlineSeconds see the record
   * @param monitorSeconds see the record
   * @param takeoverMillis see the record
   */
  public FleetSpec {
    Objects.requireNonNull(fleetId, "fleetId");
    Objects.requireNonNull(planSource, "planSource");
    Objects.requireNonNull(planHash, "planHash");
    Objects.requireNonNull(planName, "planName");
    procedure = procedure == null ? "" : procedure;
    targets = List.copyOf(targets);
    if (!fleetId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      throw new IllegalArgumentException("fleetId '" + fleetId + "' must be letters, digits, '.', '_' or '-'");
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("targets is empty: a fleet needs at least one target");
    }
    Set<String> names = new HashSet<>();
    for (FleetTarget t : targets) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("target name '" + t.name() + "' is used twice");
      }
    }
    if (canary < 0) {
      throw new IllegalArgumentException("canary must be 0 or more, was " + canary);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be 1 or more, was " + concurrency);
    }
    if (!(maxFailureShare >= 0 && maxFailureShare <= 1)) {
      throw new IllegalArgumentException("maxFailureShare must be between 0 and 1, was " + maxFailureShare);
    }
    if (deadlineSeconds < 1) {
      throw new IllegalArgumentException("deadlineSeconds must be 1 or more, was " + deadlineSeconds);
    }
    if (monitorSeconds < 0) {
      throw new IllegalArgumentException("monitorSeconds must be 0 or more, was " + monitorSeconds);
    }
    if (takeoverMillis < 0) {
      throw new IllegalArgumentException("takeoverMillis must be 0 or more, was "
          + takeoverMillis);
    }
  }

  /**
   * A builder, with a canary wave of 1, a concurrency of 4, a failure share of 0.2, approval required, a deadline of
   * 24 hours and no monitoring.
   *
   * @param fleetId the fleet's id
   * @param planSource where workers load the plan from
   * @param planHash the plan's hash
   * @param planName the plan's name
   * @return the builder
   */
  public static Builder builder(String fleetId, String planSource, String planHash, String planName) {
    return new Builder(fleetId, planSource, planHash, planName);
  }

  /** Builds a {@link FleetSpec}; every field is checked by {@link #build()}. */
  public static final class Builder {
    private final String fleetId;
    private final String planSource;
    private final String planHash;
    private final String planName;
    private String procedure = "";
    private List<FleetTarget> targets = List.of();
    private int canary = 1;
    private int concurrency = 4;
    private double maxFailureShare = 0.2;
    private boolean approvalRequired = true;
    private Duration deadline = Duration.ofHours(24);
    private Duration monitor = Duration.ZERO;
    private Duration takeover = Duration.ZERO;

    private Builder(String fleetId, String planSource, String planHash, String planName) {
      this.fleetId = fleetId;
      this.planSource = planSource;
      this.planHash = planHash;
      this.planName = planName;
    }

    /**
     * The procedure to run instead of the standard one.
     *
     * @param name the procedure's name
     * @return this builder
     */
    public Builder procedure(String name) {
      this.procedure = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * The targets.
     *
     * @param targets the targets, in order
     * @return this builder
     */
    public Builder targets(List<FleetTarget> targets) {
      this.targets = List.copyOf(targets);
      return this;
    }

    /**
     * The size of the canary wave.
     *
     * @param k how many targets go first, alone
     * @return this builder
     */
    public Builder canary(int k) {
      this.canary = k;
      return this;
    }

    /**
     * The concurrency limit.
     *
     * @param n how many targets run at once, at most
     * @return this builder
     */
    public Builder concurrency(int n) {
      this.concurrency = n;
      return this;
    }

    /**
     * The share of targets that may fail before the fleet stops starting new ones.
     *
     * @param share between 0 and 1
     * @return this builder
     */
    public Builder maxFailureShare(double share) {
      this.maxFailureShare = share;
      return this;
    }

    /**
     * Whether the fleet waits for an approval.
     *
     * @param required true to wait for an {@code approve} signal
     * @return this builder
     */
    public Builder approvalRequired(boolean required) {
      this.approvalRequired = required;
      return this;
    }

    /**
     * The deadline across the fleet, from its start.
     *
     * @param deadline whole seconds count
     * @return this builder
     */
    public Builder deadline(Duration deadline) {
      this.deadline = Objects.requireNonNull(deadline, "deadline");
      return this;
    }

    /**
     * How long each target's health checks are watched after its rollback.
     *
     * @param period the monitoring period; zero for none
     * @return this builder
     */
    public Builder monitor(Duration period) {
      this.monitor = Objects.requireNonNull(period, "period");
      return this;
    }

    /**
     * How soon another worker takes over the work of one that died.
     *
     * @param timeout zero for the defaults (10 s for workflow tasks, 30 s for activities' heartbeats)
     * @return this builder
     */
    public Builder takeover(Duration timeout) {
      this.takeover = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Builds the spec.
     *
     * @return the spec
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public FleetSpec build() {
      return new FleetSpec(fleetId, planSource, planHash, planName, procedure, targets, canary, concurrency,
          maxFailureShare, approvalRequired, deadline.toSeconds(), monitor.toSeconds(),
          takeover.toMillis());
    }
  }
}
