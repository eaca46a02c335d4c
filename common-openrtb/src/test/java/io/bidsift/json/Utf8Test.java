package io.bidsift.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bidsift.openrtb.OpenRtbCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Utf8Test {

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static byte[] request(String head, byte[] inside, String tail) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(inside);
    out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @Test
  void wellFormedSequencesOfEveryLengthPass() {
    byte[] text = "a é € 𝄞 \uD7FF \uE000 \uFFFF \uDBFF\uDFFF".getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.firstInvalid(text, 0, text.length)).isEqualTo(-1);
    assertThat(Utf8.firstInvalid(new byte[0], 0, 0)).isEqualTo(-1);
  }

  @Test
  void overlongFormsEncodedSurrogatesCodePointsPastTheLastAndBrokenSequencesAreFound() {
    int[][] illFormed = {{0xc0, 0x80}, {0xc1, 0xbf}, {0xe0, 0x9f, 0xbf}, {0xed, 0xa0, 0x80}, {0xed, 0xbf, 0xbf},
        {0xf0, 0x8f, 0xbf, 0xbf}, {0xf4, 0x90, 0x80, 0x80}, {0xf5, 0x80, 0x80, 0x80}, {0xff}, {0x80},
        {0xe2, 0x82}, {0xc3, 0x28}, {0xf0, 0x9d, 0x84}};
    for (int[] sequence : illFormed) {
      byte[] text = request("ab", bytes(sequence), "");
      assertThat(Utf8.firstInvalid(text, 0, text.length)).as("%s", Arrays.toString(sequence)).isEqualTo(2);
    }
    byte[] cutShort = bytes('x', 0xe2, 0x82, 0xac);
    assertThat(Utf8.firstInvalid(cutShort, 0, 3)).isEqualTo(1);
    assertThat(Utf8.firstInvalid(cutShort, 1, 3)).isEqualTo(-1);
  }

  @Test
  void anIllFormedByteIsFoundWhereverItSitsInTheAscii() {
    for (int at = 0; at < 24; at++) {
      byte[] text = "x".repeat(24).getBytes(StandardCharsets.US_ASCII);
      text[at] = (byte) 0xff;
      assertThat(Utf8.firstInvalid(text, 0, text.length)).as("at %d", at).isEqualTo(at);
      assertThat(Utf8.firstInvalid(text, 0, at)).as("before %d", at).isEqualTo(-1);
    }
  }

  /** F4 90 80 80 in a member name used to parse, and the auction log line written from it did not. */
  @Test
  void aRequestWithIllFormedUtf8IsRefusedWithTheByteNamed() {
    OpenRtbCodec codec = new OpenRtbCodec();
    String tail = "\":1,\"id\":\"x\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}]}";
    for (int[] sequence : new int[][] {{0xf4, 0x90, 0x80, 0x80}, {0xed, 0xa0, 0x80}, {0xc0, 0x80}}) {
      assertThatThrownBy(() -> codec.parseRequest(request("{\"", bytes(sequence), tail)))
          .isInstanceOf(JsonInputException.class)
          .hasMessage("request is not valid UTF-8: ill-formed byte sequence at byte 2 (0x"
              + Integer.toHexString(sequence[0]) + ")");
    }
  }
}
