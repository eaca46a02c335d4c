package io.bidsift.auction.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auctionlog.AuctionLogWriterConfig;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WriterIdTest {

  @Test
  void theDefaultIdIsTheHostsFirstLabelAndEightRandomHexDigitsNewForEachStart() {
    String first = WriterId.forThisProcess();
    String second = WriterId.forThisProcess();

    assertThat(first).matches("[a-z0-9][a-z0-9-]*-[0-9a-f]{8}").isNotEqualTo(second);
    assertThat(first.substring(0, first.length() - 9)).isEqualTo(second.substring(0, second.length() - 9));
    assertThat(AuctionLogWriterConfig.requireValidWriterId(first)).isEqualTo(first);
  }

  @Test
  void anyHostNameBecomesASafeFileNameToken() {
    Random random = new Random(7);
    assertThat(WriterId.of("ip-10-0-1-23.ec2.internal", random)).matches("ip-10-0-1-23-[0-9a-f]{8}");
    assertThat(WriterId.of("  My_Host!/..\\x ", random)).matches("my-host-[0-9a-f]{8}");
    assertThat(WriterId.of("-.-", random)).matches("auction-server-[0-9a-f]{8}");
    assertThat(WriterId.of(null, random)).matches("auction-server-[0-9a-f]{8}");
    assertThat(WriterId.of("a".repeat(300), random)).hasSize(60 + 9);
  }

  @Test
  void theHostNameComesFromHostnameWhenTheEnvironmentHasIt() {
    assertThat(WriterId.hostName(Map.of("HOSTNAME", "task-7"))).isEqualTo("task-7");
    assertThat(WriterId.hostName(Map.of())).isNotNull();
  }
}
