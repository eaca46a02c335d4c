package io.bidsift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ReasonsTest {

  @Test
  void oneLineJoinsTheLinesWithOneSpaceAndKeepsTheSpacingWithinALine() {
    assertThat(Reasons.oneLine("bad value\n  at line 3:\r\n\tfoo:  bar\n")).isEqualTo("bad value at line 3: foo:  bar");
    assertThat(Reasons.oneLine("  already one line ")).isEqualTo("already one line");
  }

  @Test
  void firstLineKeepsOnlyWhatComesBeforeTheFirstLineBreak() {
    assertThat(Reasons.firstLine("XGBoost failed: check failed\nStack trace:\n  [bt] (0) libxgboost4j.so"))
        .isEqualTo("XGBoost failed: check failed");
    assertThat(Reasons.firstLine("one line")).isEqualTo("one line");
  }

  @Test
  void noMessageIsSaidSoAndAnExceptionWithoutOneIsNamedByItsClass() {
    assertThat(Reasons.oneLine((String) null)).isEqualTo("(no message)");
    assertThat(Reasons.firstLine((String) null)).isEqualTo("(no message)");
    assertThat(Reasons.oneLine(new IOException())).isEqualTo("java.io.IOException");
    assertThat(Reasons.firstLine(new IOException())).isEqualTo("java.io.IOException");
    assertThat(Reasons.oneLine(new IOException("disk\nfull"))).isEqualTo("disk full");
    assertThat(Reasons.firstLine(new IOException("disk\nfull"))).isEqualTo("disk");
  }
}
