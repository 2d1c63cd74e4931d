package dev.rollback.temporal.testserver;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's test server ({@code io.temporal.testserver.TestServer}'s services), bound to 127.0.0.1 only, on a port
 * that may be 0; prints {@code LISTENING <port>} once it accepts connections. The stock main binds every interface,
 * prints nothing and cannot report an ephemeral port. Uses the test server's internal classes, so the Temporal
 * version is pinned in the parent pom.
 *
 * <pre>java -cp ... dev.rollback.temporal.testserver.LoopbackTestServer PORT [--enable-time-skipping]</pre>
 */
public final class LoopbackTestServer {

  private LoopbackTestServer() {}

  /**
   * Runs the server until the process is stopped.
   *
   * @param args the port (0 for any free one), then {@code --enable-time-skipping} to let time jump when nothing
   *     is in flight
   * @throws Exception when it cannot start
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1 || !args[0].matches("\\d{1,5}")) {
      System.err.println("usage: LoopbackTestServer PORT [--enable-time-skipping]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    boolean timeSkipping = args.length > 1 && "--enable-time-skipping".equals(args[1]);
    TestServicesStarter services = new TestServicesStarter(!timeSkipping, 0);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(),
        port));
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server = builder.build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdown();
      try {
        server.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      services.close();
      server.shutdownNow();
    }));
    System.out.println("LISTENING " + server.getPort());
    System.out.flush();
    server.awaitTermination();
  }
}
