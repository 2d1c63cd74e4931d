package dev.rollback.testkit;

/**
 * A pull request opened on the fake.
 *
 * @param number its number
 * @param title its title
 * @param body its body, empty when none
 * @param head the branch it proposes
 * @param base the branch it targets
 * @param draft whether it is a draft
 * @param author who opened it
 */
public record FakePullRequest(int number, String title, String body, String head, String base, boolean draft,
    String author) {}
