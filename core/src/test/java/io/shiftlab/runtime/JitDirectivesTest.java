package io.shiftlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JitDirectivesTest {
  private static final String MATCH = "matching: ai/djl/nn/AbstractBaseBlock.getParameters";

  @Test
  void keepsDjlsGetParametersOutOfC2Once() {
    assertThat(JitDirectives.install()).isTrue();
    assertThat(JitDirectives.install()).isTrue();
    String printed = JitDirectives.print();
    assertThat(printed).contains(MATCH);
    // installed once, however often install() runs
    assertThat(printed.split(java.util.regex.Pattern.quote(MATCH), -1)).hasSize(2);
    // the c2 section of that directive excludes the method; C1 keeps compiling it
    String directive = printed.substring(printed.indexOf(MATCH));
    String c2 = directive.substring(directive.indexOf("c2 directives:"));
    assertThat(c2).contains("Exclude:true");
    String c1 =
        directive.substring(
            directive.indexOf("c1 directives:"), directive.indexOf("c2 directives:"));
    assertThat(c1).contains("Exclude:false");
    // and no C2 compilation inlines it into a caller (Block.forward did, at the same cost)
    assertThat(printed).contains("inline: -ai/djl/nn/AbstractBaseBlock.getParameters");
  }
}
