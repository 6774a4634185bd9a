package io.faultline.ui;

import java.time.ZoneId;
import java.time.ZoneOffset;

/** Which zone times are shown in: each host's own, UTC, or this laptop's. */
public enum ZoneChoice {
    HOST("Host zone"),
    UTC("UTC"),
    LAPTOP("This laptop");

    private final String label;

    ZoneChoice(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The zone to show a time of a host whose own zone is {@code hostZone} in. */
    public ZoneId resolve(ZoneId hostZone) {
        return switch (this) {
            case HOST -> hostZone;
            case UTC -> ZoneOffset.UTC;
            case LAPTOP -> ZoneId.systemDefault();
        };
    }
}
