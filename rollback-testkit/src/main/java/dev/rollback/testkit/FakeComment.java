package dev.rollback.testkit;

import java.time.Instant;

/**
 * A comment on a fake issue or pull request.
 *
 * @param id the comment's id
 * @param author who wrote it
 * @param body what it says
 * @param createdAt when, on the fake's clock
 */
public record FakeComment(long id, String author, String body, Instant createdAt) {}
