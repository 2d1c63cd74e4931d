package dev.rollback.git.internal;

import dev.rollback.git.GitException;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;

/** Talking to remotes: listing their refs ({@code git ls-remote}) and pushing, with the embedding tool's credentials. */
final class Remotes {

  private Remotes() {}

  private static Transport open(Engine engine, String remote) throws IOException {
    Repository repo = engine.repo.repository();
    Set<String> names = repo.getRemoteNames();
    if (!names.contains(remote)) {
      throw new GitException("no remote named '" + Inputs.printable(remote) + "' in '" + engine.repo.dir()
          + "'; configured remotes: " + (names.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(names))));
    }
    Transport t;
    try {
      t = Transport.open(repo, remote);
    } catch (java.net.URISyntaxException e) {
      throw new GitException("remote '" + remote + "' has an invalid URL: " + e.getMessage(), e);
    }
    if (engine.credentials != null) {
      t.setCredentialsProvider(engine.credentials);
    }
    return t;
  }

  /**
   * The remote's refs, as {@code git ls-remote} lists them.
   *
   * @param engine the engine
   * @param remote the remote's name
   * @return ref values by full name
   */
  static Map<String, ObjectId> list(Engine engine, String remote) throws IOException {
    try (Transport t = open(engine, remote); FetchConnection c = t.openFetch()) {
      Map<String, ObjectId> out = new HashMap<>();
      for (Ref r : c.getRefs()) {
        if (r.getObjectId() != null) {
          out.put(r.getName(), r.getObjectId());
        }
      }
      return out;
    } catch (TransportException e) {
      throw new GitException("cannot read the refs of remote '" + remote + "': " + e.getMessage(), e);
    }
  }

  /**
   * Pushes.
   *
   * @param engine the engine
   * @param remote the remote's name
   * @param updates what to push
   * @return the result
   */
  static PushResult push(Engine engine, String remote, List<RemoteRefUpdate> updates) throws IOException {
    try (Transport t = open(engine, remote)) {
      return t.push(NullProgressMonitor.INSTANCE, updates);
    } catch (TransportException e) {
      throw new GitException("push to remote '" + remote + "' failed: " + e.getMessage(), e);
    }
  }
}
