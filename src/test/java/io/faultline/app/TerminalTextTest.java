package io.faultline.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest {
    @Test
    void plainTextIsTheSameString() {
        String plain = "Failed password for root from 203.0.113.7 port 50122 ssh2 — ünïcödé 日本\ttab";
        assertThat(TerminalText.safe(plain)).isSameAs(plain);
    }

    @Test
    void controlsDelC1AndBidiOverridesAreEscaped() {
        assertThat(TerminalText.safe("a\u001b[2Jb\u0007c\rd\ne\u007ff\u0085g\u009bh\u202ei\u2066j\u0000"))
                .isEqualTo("a\\x1b[2Jb\\x07c\\x0dd\\ne\\x7ff\\x85g\\x9bh\\u202Ei\\u2066j\\x00");
        assertThat(TerminalText.safe(null)).isEqualTo("null");
    }
}
