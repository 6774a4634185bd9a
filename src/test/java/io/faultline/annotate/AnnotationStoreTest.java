package io.faultline.annotate;

import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.LinkType;
import io.faultline.model.NoteSeverity;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnnotationStoreTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void notesAndLinksAreUndoableAndRedoable() {
        AnnotationStore store = new AnnotationStore(AnnotationLayer.empty(), "oncall", clock);
        List<AnnotationLayer> seen = new ArrayList<>();
        store.addListener(Runnable::run, seen::add);

        Annotation disk = store.addNote(new AnnotationTarget.OnRange(100, 200), "disk at 100 %", List.of("io"));
        Annotation hc = store.addNote(new AnnotationTarget.OnSpan("span-1", 150, 160), "healthcheck timed out", List.of());
        CausalLink link = store.link(disk.id(), hc.id(), LinkType.CAUSES, "IO starvation");

        assertThat(disk.id()).isEqualTo("n-1");
        assertThat(hc.id()).isEqualTo("n-2");
        assertThat(link.id()).isEqualTo("l-1");
        assertThat(disk.author()).isEqualTo("oncall");
        assertThat(disk.createdNanos()).isEqualTo(Instant.parse("2026-12-03T10:00:00Z").getEpochSecond() * 1_000_000_000L);
        assertThat(store.undoDescription()).isEqualTo("Link n-1 causes n-2");

        store.remove(disk.id());
        assertThat(store.snapshot().annotations()).extracting(Annotation::id).containsExactly("n-2");
        assertThat(store.snapshot().links()).isEmpty();

        store.undo();
        assertThat(store.snapshot().annotations()).hasSize(2);
        assertThat(store.snapshot().links()).containsExactly(link);
        store.undo();
        assertThat(store.snapshot().links()).isEmpty();
        assertThat(store.redoDescription()).isEqualTo("Link n-1 causes n-2");
        store.redo();
        assertThat(store.snapshot().links()).containsExactly(link);
        assertThat(seen).hasSize(7);
        assertThat(seen.getLast()).isEqualTo(store.snapshot());
    }

    @Test
    void newEditClearsRedoAndIdsContinueAfterExistingOnes() {
        Annotation existing = new Annotation("n-7", new AnnotationTarget.OnEvent("e1", 5), "old", List.of(), "x", 1, 1);
        AnnotationStore store = new AnnotationStore(new AnnotationLayer(1, List.of(existing), List.of()), "me", clock);
        store.editNote("n-7", "new text");
        assertThat(store.annotation("n-7")).get().extracting(Annotation::note).isEqualTo("new text");
        store.undo();
        assertThat(store.canRedo()).isTrue();
        Annotation added = store.addNote(new AnnotationTarget.OnEvent("e2", 9), "second", List.of());
        assertThat(added.id()).isEqualTo("n-8");
        assertThat(store.canRedo()).isFalse();
    }

    @Test
    void linksAndTagsAreEditedAsOneUndoableStepAndTheAuthorFollowsThePreference() {
        AnnotationStore store = new AnnotationStore(AnnotationLayer.empty(), "", clock);
        Annotation a = store.addNote(new AnnotationTarget.OnEvent("e1", 5), "a", List.of("x"));
        assertThat(a.author()).isEmpty();
        store.setAuthor("  Ada ");
        Annotation b = store.addNote(new AnnotationTarget.OnEvent("e2", 9), "b", List.of());
        assertThat(b.author()).isEqualTo("Ada");
        assertThat(store.author()).isEqualTo("Ada");
        CausalLink l = store.link(a.id(), b.id(), LinkType.CAUSES, "why");

        store.edit(a.id(), "a, edited", List.of("io", "disk"), NoteSeverity.WARNING);
        assertThat(store.annotation(a.id())).get().satisfies(n -> {
            assertThat(n.note()).isEqualTo("a, edited");
            assertThat(n.tags()).containsExactly("io", "disk");
            assertThat(n.severity()).isEqualTo(NoteSeverity.WARNING);
            assertThat(n.author()).as("an edit keeps the author").isEmpty();
        });
        store.editLink(l.id(), LinkType.RULED_OUT, "not this");
        assertThat(store.snapshot().links()).containsExactly(new CausalLink(l.id(), a.id(), b.id(), LinkType.RULED_OUT, "not this"));
        assertThat(store.undoDescription()).isEqualTo("Edit link l-1 (ruled out)");
        store.undo();
        assertThat(store.snapshot().links()).containsExactly(l);
        store.undo();
        assertThat(store.annotation(a.id())).get().extracting(Annotation::tags).isEqualTo(List.of("x"));
        store.redo();
        store.redo();
        assertThat(store.snapshot().links().getFirst().type()).isEqualTo(LinkType.RULED_OUT);
        assertThatThrownBy(() -> store.editLink("l-9", LinkType.CAUSES, "")).hasMessageContaining("no link with id l-9");
    }

    @Test
    void linksNeedTwoDistinctExistingNotes() {
        AnnotationStore store = new AnnotationStore(AnnotationLayer.empty(), "me", clock);
        Annotation a = store.addNote(new AnnotationTarget.OnEvent("e1", 5), "a", List.of());
        assertThatThrownBy(() -> store.link(a.id(), "n-99", LinkType.CAUSES, ""))
                .hasMessageContaining("no annotation with id n-99");
        assertThatThrownBy(() -> store.link(a.id(), a.id(), LinkType.CAUSES, ""))
                .hasMessageContaining("cannot be linked to itself");
        assertThat(store.undoDescription()).isEqualTo("Add note \"a\"");
    }

    @Test
    void severityAndTagsAreEditedInOneUndoableStep() {
        AnnotationStore store = new AnnotationStore(AnnotationLayer.empty(), "Ada", clock);
        Annotation a = store.addNote(new AnnotationTarget.OnSeriesPoint("db1", "vda", "util", 50, 84.5), "util peaks", List.of("io"),
                io.faultline.model.NoteSeverity.WARNING);
        assertThat(a.severity()).isEqualTo(io.faultline.model.NoteSeverity.WARNING);
        assertThat(a.author()).isEqualTo("Ada");
        store.edit(a.id(), "util at 100 %", List.of("io", "disk"), io.faultline.model.NoteSeverity.CRITICAL);
        assertThat(store.annotation(a.id())).get().satisfies(e -> {
            assertThat(e.note()).isEqualTo("util at 100 %");
            assertThat(e.tags()).containsExactly("io", "disk");
            assertThat(e.severity()).isEqualTo(io.faultline.model.NoteSeverity.CRITICAL);
            assertThat(e.author()).isEqualTo("Ada");
        });
        assertThat(store.undoDescription()).isEqualTo("Edit note n-1");
        store.undo();
        assertThat(store.annotation(a.id())).get().isEqualTo(a);
        store.editNote(a.id(), "only the text");
        assertThat(store.annotation(a.id())).get().extracting(Annotation::severity).isEqualTo(io.faultline.model.NoteSeverity.WARNING);
    }
}
