package dev.rollback.git.internal;

import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.TrackingRefUpdate;

/**
 * {@code git fetch <remote>}: refreshes the remote-tracking refs, and with them the leases of the pushes this run
 * has not made yet. A plan holding this step also fetched at assessment ({@link Leases#pin}), so a preview does not
 * fetch again.
 */
final class FetchStep implements StepHandler {

  private final Engine engine;

  FetchStep(Engine engine) {
    this.engine = engine;
  }

  @Override
  public boolean appliesInPreview(StepContext ctx) {
    return false;
  }

  @Override
  public StepPreview preview(StepContext ctx) {
    String remote = GitContracts.REMOTE.read(ctx);
    String at = ctx.run().recall(Leases.fetchedKey(remote)).orElse(null);
    return StepPreview.of("fetch " + remote + (at == null ? "" : " (also fetched when the run was assessed, at "
        + at + "; the leases of its pushes expect what that fetch found)"));
  }

  @Override
  public StepResult apply(StepContext ctx) throws Exception {
    String remote = GitContracts.REMOTE.read(ctx);
    FetchResult r = Remotes.fetch(engine, remote, 0);
    List<String> updated = new ArrayList<>();
    for (TrackingRefUpdate u : r.getTrackingRefUpdates()) {
      updated.add(Repository.shortenRefName(u.getLocalName()) + " " + Trees.shown(u.getOldObjectId()) + " -> "
          + Trees.shown(u.getNewObjectId()));
    }
    Leases.refresh(engine, ctx.run(), remote);
    return StepResult.of("fetched " + remote + ": " + (updated.isEmpty() ? "every remote-tracking ref was up to date"
        : updated.size() + " remote-tracking ref" + (updated.size() == 1 ? "" : "s") + " updated"))
        .withOutput("updated", updated);
  }
}
