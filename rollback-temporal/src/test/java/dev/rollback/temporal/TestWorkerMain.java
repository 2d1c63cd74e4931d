package dev.rollback.temporal;

import dev.rollback.run.Notifiers;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;

/** A worker process for the multi-process test: {@code TestWorkerMain HOST:PORT NAME NOTIFICATIONS_DIR}. */
public final class TestWorkerMain {

  private TestWorkerMain() {}

  /**
   * Runs the worker until killed.
   *
   * @param args server, name, notifications folder
   * @throws Exception when it cannot start
   */
  public static void main(String[] args) throws Exception {
    WorkflowClient client = FleetClient.connectClient(args[0], "default", args[1]);
    FleetWorker worker = FleetWorker.builder(client).plans(TestPlans::load).adapters(TestPlans::adapters)
        .notifier("files", Notifiers.markdownFiles(Path.of(args[2]))).forTestServer(true).build();
    worker.start();
    Runtime.getRuntime().addShutdownHook(new Thread(worker::close));
    System.out.println("WORKER READY " + args[1] + " pid " + ProcessHandle.current().pid());
    System.out.flush();
    Thread.currentThread().join();
  }
}
