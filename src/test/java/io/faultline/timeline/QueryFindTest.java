package io.faultline.timeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Query#find}: where the matches are, for marking them in the log table. */
class QueryFindTest {
    private static final String LINE = "Failed password for invalid user root from 203.0.113.10 port 40022 ssh2; failed again";

    @Test
    void textFindsEveryOccurrenceAndRespectsCase() {
        assertThat(Query.text("failed", true).find(LINE)).containsExactly(73, 79);
        assertThat(Query.text("failed", false).find(LINE)).containsExactly(0, 6, 73, 79);
        assertThat(Query.text("nothing", false).find(LINE)).isEmpty();
        assertThat(Query.text("aa", true).find("aaaa")).containsExactly(0, 2, 2, 4);
    }

    @Test
    void regexFindsEveryMatchAndSkipsEmptyOnes() {
        assertThat(Query.regex("\\d+", true).find("port 40022 ssh2")).containsExactly(5, 10, 14, 15);
        assertThat(Query.regex("FAILED|root", false).find(LINE)).containsExactly(0, 6, 33, 37, 73, 79);
        assertThat(Query.regex("x*", true).find("abc")).isEmpty();
    }

    @Test
    void whatItFindsIsWhatMatches() {
        Query q = Query.regex("from 203\\.0\\.113\\.\\d+", false);
        int[] at = q.find(LINE);
        assertThat(LINE.substring(at[0], at[1])).isEqualTo("from 203.0.113.10");
        assertThat(q.matches(LINE)).isTrue();
    }
}
