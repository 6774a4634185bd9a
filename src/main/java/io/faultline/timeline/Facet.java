package io.faultline.timeline;

import io.faultline.model.Event;

/** The fields a timeline is sliced by. Each is interned per index: one int id per event, one string per distinct value. */
public enum Facet {
    HOST, UNIT, IDENTIFIER, CONTAINER, SEVERITY, SOURCE;

    /** The event's value for this facet; null when it has none (no unit, no container ...). */
    public String of(Event e) {
        return switch (this) {
            case HOST -> blankToNull(e.host());
            case UNIT -> blankToNull(e.unit());
            case IDENTIFIER -> blankToNull(e.identifier());
            case CONTAINER -> blankToNull(e.containerId());
            case SEVERITY -> e.severity().name();
            case SOURCE -> blankToNull(e.source());
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
