package dev.rollback.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.docker.DiskUsage;
import dev.rollback.docker.EventSummary;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Disk usage and event counts computed as the docker command line computes them, from engine answers. */
class SystemReadsTest {

  @Test
  void reclaimableSpaceIsComputedAsDockerSystemDfDoes() throws Exception {
    String df = """
        {"LayersSize": 1000,
         "Images": [{"Containers": 1, "Size": 600, "SharedSize": 100}, {"Containers": 0, "Size": 400, "SharedSize": 100}],
         "Containers": [{"State": "running", "SizeRw": 10}, {"State": "exited", "SizeRw": 30}],
         "Volumes": [{"UsageData": {"Size": 50, "RefCount": 1}}, {"UsageData": {"Size": 70, "RefCount": 0}},
                     {"UsageData": {"Size": -1, "RefCount": 0}}],
         "BuildCache": [{"Size": 5, "InUse": true}, {"Size": 7, "InUse": false}, {"Size": 9, "Shared": true}]}
        """;

    DiskUsage u = SystemReads.diskUsage(new ObjectMapper().readTree(df));

    assertThat(u.images()).isEqualTo(new DiskUsage.Usage(2, 1, 1000, 500));
    assertThat(u.containers()).isEqualTo(new DiskUsage.Usage(2, 1, 40, 30));
    assertThat(u.volumes()).isEqualTo(new DiskUsage.Usage(3, 1, 120, 70));
    assertThat(u.buildCache()).isEqualTo(new DiskUsage.Usage(3, 1, 12, 7));
    assertThat(u.totalBytes()).isEqualTo(1172);
    assertThat(u.reclaimableBytes()).isEqualTo(607);
  }

  @Test
  void anEngineWithoutBuildCacheEntriesReportsTheBuilderSize() throws Exception {
    DiskUsage u = SystemReads.diskUsage(new ObjectMapper().readTree(
        "{\"LayersSize\":0,\"Images\":[],\"Containers\":[],\"Volumes\":[],\"BuildCache\":null,\"BuilderSize\":42}"));
    assertThat(u.buildCache()).isEqualTo(new DiskUsage.Usage(0, 0, 42, 42));
  }

  @Test
  void eventsAreCountedByTypeAndActionWithExitsAndOomKills() throws Exception {
    // Shapes as the engine streams them (recorded from Docker 20.10), one JSON object a line.
    String stream = """
        {"status":"create","id":"c1","Type":"container","Action":"create","Actor":{"ID":"c1","Attributes":{"image":"app","name":"web"}},"time":1}
        {"status":"exec_start: sh -c true","id":"c1","Type":"container","Action":"exec_start: sh -c true","Actor":{"ID":"c1","Attributes":{}},"time":2}
        {"status":"oom","id":"c1","Type":"container","Action":"oom","Actor":{"ID":"c1","Attributes":{"image":"app","name":"web"}},"time":3}
        {"status":"die","id":"c1","Type":"container","Action":"die","Actor":{"ID":"c1","Attributes":{"exitCode":"137","image":"app","name":"web"}},"time":4}
        {"status":"die","id":"c2","Type":"container","Action":"die","Actor":{"ID":"c2","Attributes":{"exitCode":"0","image":"app","name":"ok"}},"time":5}
        {"status":"tag","id":"sha256:1","Type":"image","Action":"tag","Actor":{"ID":"sha256:1","Attributes":{"name":"app:v2"}},"time":6}
        {"Type":"network","Action":"connect","Actor":{"ID":"n1","Attributes":{"container":"c1"}},"time":7}
        """;

    EventSummary s = SystemReads.summarize(Instant.EPOCH, Instant.ofEpochSecond(10),
        new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));

    assertThat(s.total()).isEqualTo(7);
    assertThat(s.byType()).containsExactly(Map.entry("container", 5L), Map.entry("image", 1L),
        Map.entry("network", 1L));
    assertThat(s.byAction()).containsExactly(Map.entry("container.die", 2L), Map.entry("container.create", 1L),
        Map.entry("container.exec_start", 1L), Map.entry("container.oom", 1L), Map.entry("image.tag", 1L),
        Map.entry("network.connect", 1L));
    assertThat(s.nonZeroExits()).containsExactly("web (app): exit code 137");
    assertThat(s.oomKills()).isEqualTo(1);
  }
}
