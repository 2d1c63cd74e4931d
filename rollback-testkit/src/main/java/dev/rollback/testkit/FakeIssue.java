package dev.rollback.testkit;

import dev.rollback.testkit.internal.Store;
import dev.rollback.testkit.internal.Issue;
import java.util.List;
import java.util.stream.Collectors;

/** An issue (or pull request, which GitHub also lists as an issue) on the fake GitHub. */
public final class FakeIssue {

  private final Store store;
  private final Issue issue;

  FakeIssue(Store store, Issue issue) {
    this.store = store;
    this.issue = issue;
  }

  /**
   * The issue's number.
   *
   * @return the number
   */
  public int number() {
    return issue.number();
  }

  /**
   * The title.
   *
   * @return the title
   */
  public String title() {
    return issue.title();
  }

  /**
   * The body.
   *
   * @return the body, empty when none
   */
  public String body() {
    return issue.body() == null ? "" : issue.body();
  }

  /**
   * Who opened it.
   *
   * @return the login
   */
  public String author() {
    return issue.author();
  }

  /**
   * Its labels.
   *
   * @return the labels
   */
  public List<String> labels() {
    return issue.labels();
  }

  /**
   * Whether this is a pull request.
   *
   * @return {@code true} for a pull request
   */
  public boolean isPullRequest() {
    return issue.pull().isPresent();
  }

  /**
   * The comments, oldest first.
   *
   * @return the comments
   */
  public List<FakeComment> comments() {
    store.lock().lock();
    try {
      return issue.comments().stream().map(c -> new FakeComment(c.id(), c.author(), c.body(), c.createdAt()))
          .collect(Collectors.toList());
    } finally {
      store.lock().unlock();
    }
  }

  /**
   * A person comments now, on the fake's clock: {@code issue.comment("alice", "/approve")}.
   *
   * @param author who comments
   * @param body what they say
   * @return the comment
   * @throws IllegalArgumentException if the author or body is empty
   */
  public FakeComment comment(String author, String body) {
    if (author == null || author.isBlank()) {
      throw new IllegalArgumentException("a comment needs an author");
    }
    if (body == null || body.isEmpty()) {
      throw new IllegalArgumentException("a comment needs a body");
    }
    store.lock().lock();
    try {
      Store.Comment c = issue.comment(author, body);
      return new FakeComment(c.id(), c.author(), c.body(), c.createdAt());
    } finally {
      store.lock().unlock();
    }
  }

  @Override
  public String toString() {
    return "FakeIssue[#" + issue.number() + " " + issue.title() + "]";
  }
}
