package io.faultline.ui;

import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.HostInfo;
import io.faultline.model.TimeWindow;
import javafx.beans.InvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Events in view / total (and how many of them the filter keeps), diagnostics (click to open their window), hosts with zone and clock offset, save state. */
final class StatusBar extends HBox {
    private static final DateTimeFormatter SAVED = DateTimeFormatter.ofPattern("HH:mm:ss xxx", Locale.ROOT);

    private final InvestigationState state;
    private final WorkbenchData data;
    private final Label inView = new Label();
    private final Label message = new Label();
    private final Label zone = new Label();
    private final InvalidationListener listener = o -> {
        update();
        zone.setText(zoneText());
    };
    private final InvalidationListener zoneListener = o -> updateZone();
    /** The last save shown at the right, kept so its time follows the zone chosen; null when the message is another. */
    private String savedTo;
    private Instant savedAt;

    StatusBar(InvestigationState state, WorkbenchData data, Runnable showDiagnostics) {
        this.state = state;
        this.data = data;
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(18);
        inView.setId("eventsInView");
        message.setId("statusMessage");
        zone.setId("statusZone");
        zone.getStyleClass().add("hosts");
        List<Diagnostic> diagnostics = data.evidence().diagnostics();
        Hyperlink diag = new Hyperlink(diagnostics.size() + (diagnostics.size() == 1 ? " diagnostic" : " diagnostics"));
        diag.setId("diagnosticsLink");
        diag.getStyleClass().add(diagnostics.isEmpty() ? "diag-none" : "diag-some");
        diag.setOnAction(e -> showDiagnostics.run());
        Label hosts = new Label(describeHosts(data.evidence().hosts()));
        hosts.getStyleClass().add("hosts");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(inView, diag, zone, hosts, spacer, message);
        sceneProperty().addListener((obs, was, now) -> {
            if (now != null && was == null) {
                state.visibleRangeProperty().addListener(listener);
                state.viewProperty().addListener(listener);
                state.zoneChoiceProperty().addListener(zoneListener);
                update();
                updateZone();
            } else if (now == null && was != null) {
                state.visibleRangeProperty().removeListener(listener);
                state.viewProperty().removeListener(listener);
                state.zoneChoiceProperty().removeListener(zoneListener);
            }
        });
    }

    static String describeHosts(List<HostInfo> hosts) {
        if (hosts.isEmpty()) {
            return "no host information";
        }
        StringBuilder b = new StringBuilder();
        for (HostInfo h : hosts) {
            if (!b.isEmpty()) {
                b.append("   ");
            }
            String offset;
            try {
                offset = ZoneId.of(h.zone()).getRules().getOffset(Instant.now()).getId().replace("Z", "+00:00");
            } catch (java.time.DateTimeException e) {
                offset = "zone not understood";
            }
            b.append(h.name()).append(" · ").append(h.zone());
            if (!h.zone().equals(offset)) {
                b.append(" (").append(offset).append(')');
            }
            b.append(String.format(Locale.ROOT, " · clock %+d ms", h.clockOffsetMs()));
            if (h.offsetUncertaintyMs() > 0) {
                b.append(" ±").append(h.offsetUncertaintyMs());
            }
        }
        return b.toString();
    }

    private void update() {
        TimeWindow r = state.visibleRange();
        int all = data.index().count(r.fromNanos(), r.toNanos());
        FilteredView view = state.view();
        if (view.filtered()) {
            int kept = EventRows.of(data.index(), view.kept(), r.fromNanos(), r.toNanos()).size();
            inView.setText(String.format("%,d of %,d events in view pass the filter (%,d in all)", kept, all, data.index().size()));
        } else {
            inView.setText(String.format("%,d / %,d events in view", all, data.index().size()));
        }
    }

    /** Which zone the window's times are in now, with its offset at the start of the visible range: "times in UTC+08:00 (host zone)". */
    String zoneText() {
        ZoneChoice c = state.zoneChoice();
        ZoneId z = c.resolve(data.displayZone());
        String offset = z.getRules().getOffset(EpochNanos.toInstant(state.visibleRange().fromNanos())).getId();
        String utc = "UTC" + ("Z".equals(offset) ? "+00:00" : offset);
        return switch (c) {
            case HOST -> "times in " + utc + " (host zone " + z.getId() + ")";
            case UTC -> "times in UTC";
            case LAPTOP -> "times in " + utc + " (this laptop, " + z.getId() + ")";
        };
    }

    private void updateZone() {
        zone.setText(zoneText());
        if (savedAt != null) {
            message.setText(savedText());
        }
    }

    private String savedText() {
        return "Notes saved to " + savedTo + " at " + SAVED.format(savedAt.atZone(state.zoneChoice().resolve(data.displayZone())));
    }

    /** Says at the right that the notes were saved to {@code bundle} at {@code at}, in the zone chosen (it follows a change). */
    void setSaved(String bundle, Instant at) {
        savedTo = bundle;
        savedAt = at;
        message.getStyleClass().remove("error");
        message.setText(savedText());
    }

    /** Shows a short message at the right (e.g. a failed save). */
    void setMessage(String text, boolean error) {
        savedAt = null;
        message.setText(text);
        message.getStyleClass().remove("error");
        if (error) {
            message.getStyleClass().add("error");
        }
    }
}
