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
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;

/**
 * Talking to remotes, with the embedding tool's credentials: listing their refs ({@code git ls-remote}), fetching
 * ({@code git fetch}, {@code --deepen}), fetching one ref's value into a backup ref, and pushing.
 */
final class Remotes {

  private Remotes() {}

  /** Refuses a remote the repository does not configure, naming those it does. */
  static void requireRemote(Engine engine, String remote) {
    Set<String> names = engine.repo.repository().getRemoteNames();
    if (!names.contains(remote)) {
      throw new GitException("no remote named '" + Inputs.printable(remote) + "' in '" + engine.repo.dir()
          + "'; configured remotes: " + (names.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(names))));
    }
  }

  private static Transport open(Engine engine, String remote) throws IOException {
    Repository repo = engine.repo.repository();
    requireRemote(engine, remote);
    Transport t;
    try {
      t = Transport.open(repo, remote);
    } catch (java.net.URISyntaxException e) {
      throw new GitException("remote '" + remote + "' has an invalid URL: " + e.getMessage(), e);
    } catch (org.eclipse.jgit.errors.NoRemoteRepositoryException e) {
      // A local path that holds no repository (moved, removed, mistyped): JGit's words are only "<url>: not found".
      String url = String.valueOf(repo.getConfig().getString("remote", remote, "url")).replaceAll("//[^/@]*@", "//");
      throw new GitException("remote '" + remote + "' points to " + Inputs.printable(url) + ", where there is no"
          + " repository (moved, removed or mistyped?); check it with git remote -v and fix it with git remote"
          + " set-url " + remote + " URL", e);
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

  /**
   * Refreshes the remote-tracking refs, like {@code git fetch <remote>} with the remote's configured refspecs.
   *
   * @param engine the engine
   * @param remote the remote's name
   * @param depth {@code 0} for a plain fetch; else how many commits deep each tip's history must be (a shallow
   *     clone is deepened to that depth, like {@code git fetch --depth})
   * @return the result
   */
  static FetchResult fetch(Engine engine, String remote, int depth) throws IOException {
    try (Transport t = open(engine, remote)) {
      org.eclipse.jgit.transport.RemoteConfig rc;
      try {
        rc = new org.eclipse.jgit.transport.RemoteConfig(engine.repo.repository().getConfig(), remote);
      } catch (java.net.URISyntaxException e) {
        throw new GitException("remote '" + remote + "' has an invalid URL: " + e.getMessage(), e);
      }
      List<RefSpec> specs = rc.getFetchRefSpecs();
      if (specs.isEmpty()) {
        throw new GitException("remote '" + remote + "' has no fetch refspec (remote." + remote + ".fetch), so it"
            + " has no remote-tracking refs to refresh; set one: git config remote." + remote + ".fetch"
            + " '+refs/heads/*:refs/remotes/" + remote + "/*'");
      }
      if (depth > 0) {
        t.setDepth(depth);
      }
      t.setTagOpt(org.eclipse.jgit.transport.TagOpt.NO_TAGS);
      return t.fetch(NullProgressMonitor.INSTANCE, specs);
    } catch (TransportException e) {
      throw new GitException("cannot fetch from remote '" + remote + "': " + e.getMessage(), e);
    }
  }

  /**
   * The value a remote holds for one ref now, with its objects fetched into the local repository when it lacks
   * them (nothing else changes; the caller keeps the value under a ref).
   *
   * @param engine the engine
   * @param remote the remote's name
   * @param ref the full ref name
   * @return the value, or {@code null} when the remote has no such ref
   */
  static ObjectId fetchValue(Engine engine, String remote, String ref) throws IOException {
    Repository repo = engine.repo.repository();
    try (Transport t = open(engine, remote); FetchConnection c = t.openFetch()) {
      Ref r = c.getRef(ref);
      if (r == null || r.getObjectId() == null) {
        return null;
      }
      ObjectId id = r.getObjectId();
      if (!repo.getObjectDatabase().has(id)) {
        c.fetch(NullProgressMonitor.INSTANCE, List.of(r), Set.of());
      }
      return id;
    } catch (TransportException e) {
      throw new GitException("cannot fetch " + ref + " from remote '" + remote + "' to back it up before the push: "
          + e.getMessage() + "; nothing was pushed", e);
    }
  }

  /**
   * One push connection, opened before deciding what to push: the remote's refs as it advertises them, then the
   * push itself on the same connection, whose old values are those advertised (the remote refuses the update if its
   * ref moved in between). Saves the separate listing a lease check would need.
   */
  static final class Pushing implements AutoCloseable {
    private final Transport transport;
    private final org.eclipse.jgit.transport.PushConnection connection;
    private final String remote;

    private Pushing(Transport transport, org.eclipse.jgit.transport.PushConnection connection, String remote) {
      this.transport = transport;
      this.connection = connection;
      this.remote = remote;
    }

    /** The value the remote advertises for a ref, or {@code null}. */
    ObjectId value(String ref) {
      Ref r = connection.getRef(ref);
      return r == null ? null : r.getObjectId();
    }

    /** Pushes one update; its status and message tell the outcome. */
    void push(RemoteRefUpdate update) throws IOException {
      try {
        connection.push(NullProgressMonitor.INSTANCE, java.util.Map.of(update.getRemoteName(), update));
      } catch (TransportException e) {
        throw new GitException("push to remote '" + remote + "' failed: " + e.getMessage(), e);
      }
    }

    /** What the remote said while pushing (hooks' output), or empty. */
    String messages() {
      String m = connection.getMessages();
      return m == null ? "" : m;
    }

    @Override
    public void close() {
      connection.close();
      transport.close();
    }
  }

  /**
   * Opens a push connection.
   *
   * @param engine the engine
   * @param remote the remote's name
   * @return the connection, to close
   */
  static Pushing pushing(Engine engine, String remote) throws IOException {
    Transport t = open(engine, remote);
    try {
      return new Pushing(t, t.openPush(), remote);
    } catch (TransportException e) {
      t.close();
      throw new GitException("cannot connect to remote '" + remote + "' to push: " + e.getMessage(), e);
    }
  }
}
