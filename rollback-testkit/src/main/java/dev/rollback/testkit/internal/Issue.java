package dev.rollback.testkit.internal;

import dev.rollback.testkit.RunScript;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/** An issue or pull request. */
public final class Issue {
  private final Store store;
  final Repo repo;
  final long id;
  final int number;
  final String title;
  final String body;
  final String author;
  final Instant createdAt;
  Instant updatedAt;
  final List<String> labels;
  final Store.Pull pull;
  final List<Store.Comment> comments = new ArrayList<>();

  Issue(Repo repo, long id, int number, String title, String body, String author, Instant createdAt,
      List<String> labels, Store.Pull pull) {
    this.store = repo.store;
    this.repo = repo;
    this.id = id;
    this.number = number;
    this.title = title;
    this.body = body;
    this.author = author;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
    this.labels = List.copyOf(labels);
    this.pull = pull;
    store.userId(author);
  }

  /**
   * The number.
   *
   * @return the number
   */
  public int number() {
    return number;
  }

  /**
   * The title.
   *
   * @return the title
   */
  public String title() {
    return title;
  }

  /**
   * The body.
   *
   * @return the body, or null
   */
  public String body() {
    return body;
  }

  /**
   * Who opened it.
   *
   * @return the login
   */
  public String author() {
    return author;
  }

  /**
   * The labels.
   *
   * @return the labels
   */
  public List<String> labels() {
    return labels;
  }

  /**
   * The pull request part, for pull requests.
   *
   * @return the pull request, or empty for an issue
   */
  public Optional<Store.Pull> pull() {
    return Optional.ofNullable(pull);
  }

  /**
   * The comments, oldest first.
   *
   * @return the comments
   */
  public List<Store.Comment> comments() {
    return List.copyOf(comments);
  }

  /**
   * Adds a comment now.
   *
   * @param author who comments
   * @param text what they say
   * @return the comment
   */
  public Store.Comment comment(String author, String text) {
    Instant now = store.now();
    Store.Comment c = new Store.Comment(store.nextCommentId++, this, author, text, now);
    comments.add(c);
    updatedAt = now;
    store.userId(author);
    return c;
  }
}
