package io.bidsift.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

  @Test
  void chunksAreJoinedInOrderWhetherOrNotTheLengthWasDeclared() {
    for (long declared : new long[] {11, -1, 3}) {
      BoundedBody body = new BoundedBody(100, declared);
      for (String chunk : new String[] {"hello", " ", "world"}) {
        body.add(ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8)));
      }
      assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).as("declared %d", declared).isEqualTo("hello world");
    }
    assertThat(new BoundedBody(100, -1).bytes()).isEmpty();
  }

  @Test
  void aBodyPastTheLimitIsRefusedEvenWhenItsLengthWasNotDeclared() {
    BoundedBody body = new BoundedBody(8, -1);
    body.add(ByteBuffer.wrap(new byte[8]));
    assertThatThrownBy(() -> body.add(ByteBuffer.wrap(new byte[1]))).isInstanceOf(BoundedBody.TooLarge.class);
  }

  @Test
  void contentLengthHeadersParseOrCountAsAbsent() {
    assertThat(BoundedBody.declaredLength(" 42 ")).isEqualTo(42);
    assertThat(BoundedBody.declaredLength(null)).isEqualTo(-1);
    assertThat(BoundedBody.declaredLength("lots")).isEqualTo(-1);
  }
}
