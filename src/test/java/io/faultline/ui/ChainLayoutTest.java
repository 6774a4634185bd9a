package io.faultline.ui;

import io.faultline.model.Annotation;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.LinkType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the chain panel puts notes and links: pure arithmetic, no JavaFX. */
class ChainLayoutTest {
    private static Annotation note(String id, long at) {
        return new Annotation(id, new AnnotationTarget.OnRange(at, at + 5), id, List.of(), "", 0, 0);
    }

    private static CausalLink link(String id, String from, String to) {
        return new CausalLink(id, from, to, LinkType.CAUSES, "");
    }

    @Test
    void rowsFollowTimeLinksThatShareARowTakeOtherLanesAndLabelsStackInTheirGap() {
        List<Annotation> notes = List.of(note("c", 300), note("a", 100), note("d", 400), note("b", 200), note("b2", 200));
        List<CausalLink> links = List.of(link("l1", "a", "b"), link("l2", "b", "c"), link("l3", "a", "d"),
                link("l4", "d", "a"), link("l5", "a", "gone"));
        ChainLayout layout = ChainLayout.of(notes, links);

        assertThat(layout.rows()).extracting(r -> r.annotation().id()).containsExactly("a", "b", "b2", "c", "d");
        for (int i = 1; i < layout.rows().size(); i++) {
            assertThat(layout.rows().get(i).y()).isGreaterThanOrEqualTo(layout.rows().get(i - 1).y() + ChainLayout.ROW_HEIGHT + ChainLayout.MIN_GAP);
        }
        assertThat(layout.edges()).extracting(e -> e.link().id()).as("a link to a missing note is left out")
                .containsExactlyInAnyOrder("l1", "l2", "l3", "l4");
        // no two links whose rows touch share a lane
        for (ChainLayout.Edge x : layout.edges()) {
            for (ChainLayout.Edge y : layout.edges()) {
                if (x != y && x.lane() == y.lane()) {
                    int xl = Math.min(x.from(), x.to()), xh = Math.max(x.from(), x.to());
                    int yl = Math.min(y.from(), y.to()), yh = Math.max(y.from(), y.to());
                    assertThat(xh < yl || yh < xl).as(x.link().id() + " and " + y.link().id()).isTrue();
                }
            }
        }
        ChainLayout.Edge shortest = layout.edges().getFirst();
        assertThat(shortest.link().id()).isEqualTo("l1");
        assertThat(shortest.lane()).isZero();
        assertThat(layout.lanes()).as("l1 | l2 touches l1 at b | l3 and l4 span all").isEqualTo(4);
        assertThat(layout.laneX(0)).isGreaterThan(layout.laneX(1)).isLessThan(layout.gutter());
        // each label sits in the gap between two rows its link spans, labels of one gap one under the other
        for (ChainLayout.Edge e : layout.edges()) {
            double gapTop = layout.rows().get(e.gap()).y() + ChainLayout.ROW_HEIGHT;
            double gapBottom = layout.rows().get(e.gap() + 1).y();
            assertThat(e.labelY()).isBetween(gapTop, gapBottom - ChainLayout.LABEL_HEIGHT);
            assertThat(e.gap()).isBetween(Math.min(e.from(), e.to()), Math.max(e.from(), e.to()) - 1);
        }
        ChainLayout.Edge l3 = layout.edges().stream().filter(e -> e.link().id().equals("l3")).findFirst().orElseThrow();
        ChainLayout.Edge l4 = layout.edges().stream().filter(e -> e.link().id().equals("l4")).findFirst().orElseThrow();
        assertThat(l3.gap()).isEqualTo(l4.gap());
        assertThat(Math.abs(l3.labelY() - l4.labelY())).isEqualTo(ChainLayout.LABEL_HEIGHT);
        assertThat(l4.fromY()).as("the later note is the cause: the bracket runs upwards").isGreaterThan(l4.toY());
        // where links meet a row they attach at different heights
        assertThat(l3.fromY()).isNotEqualTo(l4.toY());
        assertThat(layout.height()).isGreaterThan(layout.rows().getLast().y() + ChainLayout.ROW_HEIGHT);
    }

    @Test
    void nothingToLayOut() {
        ChainLayout layout = ChainLayout.of(List.of(), List.of());
        assertThat(layout.rows()).isEmpty();
        assertThat(layout.edges()).isEmpty();
        assertThat(layout.lanes()).isZero();
    }
}
