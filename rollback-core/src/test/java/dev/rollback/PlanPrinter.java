package dev.rollback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by the tests: writes the seed plan's hash, canonical JSON and runbook to files, as UTF-8, so
 * the parent can compare them byte for byte with its own.
 */
public final class PlanPrinter {

  private PlanPrinter() {}

  /**
   * Writes {@code hash.txt}, {@code plan.json} and {@code runbook.md} into the directory given.
   *
   * @param args the output directory
   * @throws IOException if a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    RollbackPlan plan = TestPlans.seed();
    Files.write(dir.resolve("hash.txt"), plan.hash().getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("plan.json"), plan.canonicalJson().getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("runbook.md"), plan.toMarkdown().getBytes(StandardCharsets.UTF_8));
  }
}
