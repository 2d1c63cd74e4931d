package dev.rollback.git.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.transport.PackParser;
import org.eclipse.jgit.util.IO;

/**
 * An object inserter that keeps what it is given in memory, with a reader that sees those objects on top of the
 * repository's. Merges, reverts and cherry-picks are computed against it, so a preview writes nothing and a step
 * that meets a conflict leaves not even a loose object behind; {@link #flushTo} writes the objects for real once
 * the whole operation is known to succeed.
 */
public final class MemoryInserter extends ObjectInserter {

  private final ObjectReader base;
  private final Map<ObjectId, Entry> objects = new LinkedHashMap<>();

  private static final class Entry {
    final int type;
    final byte[] data;

    Entry(int type, byte[] data) {
      this.type = type;
      this.data = data;
    }
  }

  /**
   * Creates an inserter over a repository's objects.
   *
   * @param base a reader of the repository; this inserter does not close it
   */
  public MemoryInserter(ObjectReader base) {
    this.base = base;
  }

  @Override
  public ObjectId insert(int type, byte[] data, int off, int len) {
    ObjectId id = idFor(type, data, off, len);
    objects.computeIfAbsent(id, k -> {
      byte[] copy = new byte[len];
      System.arraycopy(data, off, copy, 0, len);
      return new Entry(type, copy);
    });
    return id;
  }

  @Override
  public ObjectId insert(int type, long length, InputStream in) throws IOException {
    if (length > Integer.MAX_VALUE) {
      throw new IOException("object of " + length + " bytes is too large to merge in memory");
    }
    byte[] data = new byte[(int) length];
    IO.readFully(in, data, 0, data.length);
    return insert(type, data, 0, data.length);
  }

  @Override
  public PackParser newPackParser(InputStream in) {
    throw new UnsupportedOperationException("a memory inserter does not parse packs");
  }

  @Override
  public ObjectReader newReader() {
    MemoryInserter self = this;
    return new ObjectReader.Filter() {
      private final ObjectReader delegate = base.newReader();

      @Override
      protected ObjectReader delegate() {
        return delegate;
      }

      @Override
      public ObjectReader newReader() {
        return self.newReader();
      }

      @Override
      public boolean has(AnyObjectId id) throws IOException {
        return objects.containsKey(id.toObjectId()) || delegate.has(id);
      }

      @Override
      public boolean has(AnyObjectId id, int typeHint) throws IOException {
        return objects.containsKey(id.toObjectId()) || delegate.has(id, typeHint);
      }

      @Override
      public ObjectLoader open(AnyObjectId id) throws IOException {
        return open(id, OBJ_ANY);
      }

      @Override
      public ObjectLoader open(AnyObjectId id, int typeHint) throws IOException {
        Entry e = objects.get(id.toObjectId());
        if (e != null) {
          if (typeHint != OBJ_ANY && typeHint != e.type) {
            throw new org.eclipse.jgit.errors.IncorrectObjectTypeException(id.toObjectId(), typeHint);
          }
          return new ObjectLoader.SmallObject(e.type, e.data);
        }
        return delegate.open(id, typeHint);
      }

      @Override
      public long getObjectSize(AnyObjectId id, int typeHint) throws IOException {
        Entry e = objects.get(id.toObjectId());
        if (e != null) {
          return e.data.length;
        }
        return delegate.getObjectSize(id, typeHint);
      }

      @Override
      public ObjectInserter getCreatedFromInserter() {
        return self;
      }

      @Override
      public void close() {
        delegate.close();
      }
    };
  }

  /**
   * Whether this inserter holds the object.
   *
   * @param id the object
   * @return {@code true} when it was inserted here
   */
  public boolean holds(AnyObjectId id) {
    return objects.containsKey(id.toObjectId());
  }

  /**
   * Writes every object held here through a real inserter, in insertion order, and flushes it.
   *
   * @param target the repository's inserter
   * @return how many objects were written
   * @throws IOException when writing fails
   */
  public int flushTo(ObjectInserter target) throws IOException {
    for (Map.Entry<ObjectId, Entry> e : objects.entrySet()) {
      ObjectId written = target.insert(e.getValue().type, e.getValue().data);
      if (!written.equals(e.getKey())) {
        throw new IOException("object " + e.getKey().name() + " was written as " + written.name());
      }
    }
    target.flush();
    return objects.size();
  }

  @Override
  public void flush() {
    // Objects stay in memory until flushTo.
  }

  @Override
  public void close() {
    // Nothing to release; the base reader belongs to the caller.
  }
}
