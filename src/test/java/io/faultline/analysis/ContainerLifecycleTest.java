package io.faultline.analysis;

import io.faultline.model.Container;
import io.faultline.model.Event;
import io.faultline.model.Severity;
import io.faultline.model.Span;
import io.faultline.model.SpanKind;
import io.faultline.timeline.TimelineIndex;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerLifecycleTest {
    private static final long S = 1_000_000_000L;
    private static final String LOOP = "9d99804d5432e1f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718";
    private static final String WEB = "e8963ebd088b3195d12f28108e97533b4bf829a40f7f32cba8bcbbf108f3f2ee";

    private static Event docker(int second, String action, String id, String... attrs) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Type", "container");
        fields.put("Action", action);
        fields.put("Actor.ID", id);
        fields.put("Actor.Attributes.name", "fl-crashloop");
        for (int i = 0; i < attrs.length; i += 2) {
            fields.put("Actor.Attributes." + attrs[i], attrs[i + 1]);
        }
        return new Event("d" + second + action, second * S, "", "h", "docker-events", null, "docker", Severity.INFO,
                "container " + action, id, false, fields, null);
    }

    @Test
    void dockerEventsBecomeLabelledMarkersAndInspectFillsAContainerWithoutEvents() {
        List<Event> events = new ArrayList<>(List.of(
                docker(10, "create", LOOP),
                docker(11, "start", LOOP),
                docker(12, "exec_start: /bin/sh -c true", LOOP),
                docker(13, "health_status: unhealthy", LOOP),
                docker(14, "kill", LOOP, "signal", "9"),
                docker(15, "oom", LOOP),
                docker(15, "die", LOOP, "exitCode", "137"),
                docker(16, "restart", LOOP)));
        events.add(new Event("j", 12 * S, "", "h", "journal-short", null, "sshd", Severity.INFO, "die", null, false, null, null));
        List<Span> spans = List.of(
                new Span("up1", SpanKind.CONTAINER_UP, "h", LOOP, 11 * S, 15 * S, 137, "up until die exitCode=137 (docker events)", null),
                new Span("web/up", SpanKind.CONTAINER_UP, "h", WEB, 5 * S, 50 * S, 0, "up until exit 0 (docker inspect)", null),
                new Span("run", SpanKind.HEALTHCHECK_RUN, "h", WEB, 20 * S, 21 * S, 0, "ok", null));
        List<Container> containers = List.of(
                new Container(WEB, "/web", "h", "nginx", null, "no", 0, "healthy", null),
                new Container(LOOP, "fl-crashloop", "h", "busybox", null, "always", 3, null, null));

        List<ContainerLifecycle.Row> rows = ContainerLifecycle.of(new TimelineIndex(events), containers, spans);

        assertThat(rows).extracting(ContainerLifecycle.Row::label).containsExactly("web", "fl-crashloop");
        ContainerLifecycle.Row web = rows.get(0);
        assertThat(web.containerId()).isEqualTo(WEB);
        assertThat(web.up()).extracting(Span::id).containsExactly("web/up");
        assertThat(web.markers()).extracting(ContainerLifecycle.Marker::label)
                .containsExactly("start (inspect State.StartedAt)", "die exit 0 (inspect State.FinishedAt)");
        assertThat(web.markers()).allMatch(ContainerLifecycle.Marker::fromInspect);

        ContainerLifecycle.Row loop = rows.get(1);
        assertThat(loop.up()).extracting(Span::id).containsExactly("up1");
        assertThat(loop.markers()).extracting(ContainerLifecycle.Marker::label).containsExactly(
                "create", "start", "health_status unhealthy", "kill signal 9", "oom (out of memory)", "die exit 137", "restart");
        assertThat(loop.markers()).extracting(ContainerLifecycle.Marker::kind).containsExactly(
                ContainerLifecycle.Kind.CREATE, ContainerLifecycle.Kind.START, ContainerLifecycle.Kind.HEALTH,
                ContainerLifecycle.Kind.KILL, ContainerLifecycle.Kind.OOM, ContainerLifecycle.Kind.DIE, ContainerLifecycle.Kind.RESTART);
        assertThat(loop.markers().get(1).timeNanos()).isEqualTo(11 * S);
        assertThat(loop.markers()).noneMatch(ContainerLifecycle.Marker::fromInspect);
    }

    @Test
    void aContainerWithNeitherEventsNorUpPeriodsHasNoRow() {
        List<Container> containers = List.of(new Container(WEB, "/web", "h", "nginx", null, "no", 0, null, null));
        assertThat(ContainerLifecycle.of(new TimelineIndex(List.of()), containers, List.of())).isEmpty();
    }
}
