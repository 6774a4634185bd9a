package io.faultline.model;

/** How one annotated item relates to another in the causal chain. */
public enum LinkType {
    CAUSES("causes"), CONTRIBUTES_TO("contributes to"), PRECEDES("precedes"), RULED_OUT("ruled out");

    private final String label;

    LinkType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Accepts the enum name or its label, any case, '-' or '_' for spaces. */
    public static LinkType parse(String text) {
        String norm = text.trim().toLowerCase(java.util.Locale.ROOT).replace('_', ' ').replace('-', ' ');
        for (LinkType t : values()) {
            if (t.label.equals(norm)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown link type '" + text + "': use causes, contributes-to, precedes or ruled-out");
    }
}
