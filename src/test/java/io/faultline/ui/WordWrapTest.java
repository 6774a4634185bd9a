package io.faultline.ui;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The raw line's wrapping: the third line is one word longer than 40 characters, kept whole. */
class WordWrapTest {
    @Test
    void linesBreakAfterSpacesAndSeparatorsNeverInsideAWord() {
        String json = "{\"_PID\":\"24159\",\"SYSLOG_IDENTIFIER\":\"sshd\",\"__REALTIME_TIMESTAMP\":\"1796324785712080\",\"MESSAGE\":\"Invalid user oracle\"}";
        assertThat(WordWrap.wrap(json, 40)).isEqualTo("""
                {"_PID":"24159",
                "SYSLOG_IDENTIFIER":"sshd",
                "__REALTIME_TIMESTAMP":"1796324785712080",
                "MESSAGE":"Invalid user oracle"}""");
        assertThat(WordWrap.wrap(json, 40).replace("\n", "")).isEqualTo(json);
    }

    @Test
    void aWordLongerThanALineKeepsALineOfItsOwnWhole() {
        String id = "e8963ebd088b3195d12f28108e97533b4bf829a40f7f32cba8bcbbf108f3f2ee";
        assertThat(WordWrap.wrap("container " + id + " died; exit=137&signal=9", 30))
                .isEqualTo("container \n" + id + " \ndied; exit=137&signal=9");
        assertThat(WordWrap.wrap("short", 30)).isEqualTo("short");
        assertThat(WordWrap.wrap("", 30)).isEmpty();
    }
}
