package io.faultline.timeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Text and regex, case, next/previous and density on {@link FacetsTest#EVENTS}. */
class SearchTest {
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_759_676_400L * S;

    private final TimelineIndex index = new TimelineIndex(FacetsTest.EVENTS);

    private int[] hits(Query q) {
        return index.select(Filter.all().matching(q)).indices();
    }

    @Test
    void plainTextIsLiteralWhereARegexIsNot() {
        assertThat(hits(Query.text("a.b", true))).containsExactly(7);
        assertThat(hits(Query.regex("a.b", true))).containsExactly(7, 8);
        assertThat(hits(Query.text("(limit 5min)!", true))).containsExactly(9);
        assertThat(hits(Query.regex("from 203\\.0\\.113\\.1[07]$", true))).containsExactly(3, 6);
        assertThat(hits(Query.text("", true))).hasSize(10);
    }

    @Test
    void caseSensitiveOrNot() {
        assertThat(hits(Query.text("Failed password", true))).containsExactly(3);
        assertThat(hits(Query.text("Failed password", false))).containsExactly(3, 6);
        assertThat(hits(Query.regex("^failed", true))).containsExactly(6);
        assertThat(hits(Query.regex("^FAILED", false))).containsExactly(3, 6);
        assertThat(Query.text("straße", false).matches("STRASSE")).isFalse();
        assertThat(Query.text("ÉTÉ", false).matches("été")).isTrue();
        assertThat(Query.text("\u212Aelvin", false).matches("KELVIN")).isTrue();
        assertThat(Query.text("KELVIN", false).matches("\u212Aelvin")).isTrue();
        assertThat(Query.text("sIK", false).matches("\u017F\u0131\u212A")).isTrue();
        assertThat(Query.text("PASSWORD", false).matches("failed password")).isTrue();
        assertThat(Query.text("d PASS", false).matches("failed password")).isTrue();
        assertThat(Query.text("[preauth]", false).matches("closed [PREAUTH]")).isTrue();
        assertThat(Query.text("[preauth]", false).matches("[preaut")).isFalse();
        assertThat(Query.text("xpassword", false).matches("password")).isFalse();
    }

    @Test
    void searchLooksAtTheMessageOnly() {
        assertThat(hits(Query.text("sshd", true))).isEmpty();
        assertThat(hits(Query.text("ssh.service", true))).isEmpty();
        assertThat(hits(Query.text("snapd.service", true))).containsExactly(9);
    }

    @Test
    void aQueryCombinesWithFacetsAndTime() {
        Filter f = Filter.all().matching(Query.text("failed", false)).including(Facet.HOST, "web1");
        assertThat(index.select(f).indices()).containsExactly(3, 6);
        assertThat(index.select(f.between(T0 + 4 * S, T0 + 10 * S)).indices()).containsExactly(6);
    }

    @Test
    void aBadRegexNamesThePatternAndThePosition() {
        assertThatThrownBy(() -> Query.regex("fail(ed", true))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("regex 'fail(ed' at position 7: Unclosed group")
                .satisfies(e -> assertThat(((InvalidQueryException) e).position()).isEqualTo(7));
        assertThatThrownBy(() -> Query.regex("a{2,1}", false)).hasMessageStartingWith("regex 'a{2,1}' at position 5: ");
    }

    @Test
    void nextAndPreviousHitFromAnyEvent() {
        Selection s = index.select(Filter.all().matching(Query.text("password", false)));
        assertThat(s.indices()).containsExactly(3, 6);
        assertThat(s.next(-1)).isEqualTo(3);
        assertThat(s.next(3)).isEqualTo(6);
        assertThat(s.next(4)).isEqualTo(6);
        assertThat(s.next(6)).isEqualTo(-1);
        assertThat(s.previous(index.size())).isEqualTo(6);
        assertThat(s.previous(6)).isEqualTo(3);
        assertThat(s.previous(3)).isEqualTo(-1);
        assertThat(s.contains(6)).isTrue();
        assertThat(s.contains(5)).isFalse();
    }

    @Test
    void densityCountsHitsPerBucketLikeTheHistogram() {
        Selection s = index.select(Filter.all().matching(Query.regex("error|timeout|fail", false)));
        assertThat(s.indices()).containsExactly(1, 3, 5, 6, 9);
        assertThat(s.density(index, T0, T0 + 10 * S, 5)).containsExactly(1, 1, 1, 1, 1);
        assertThat(s.density(index, T0, T0 + 10 * S, 2)).containsExactly(2, 3);
        assertThat(s.density(index, T0 + 5 * S, T0 + 7 * S, 4)).containsExactly(1, 0, 1, 0);
        Selection all = index.select(Filter.all());
        assertThat(all.density(index, T0, T0 + 10 * S, 3)).containsExactly(index.histogram(T0, T0 + 10 * S, 3));
    }
}
