package io.faultline.model;

/** A typed link between two annotations: from CAUSES to, and so on. */
public record CausalLink(String id, String fromId, String toId, LinkType type, String note) {
    public CausalLink {
        java.util.Objects.requireNonNull(id, "id");
        java.util.Objects.requireNonNull(fromId, "fromId");
        java.util.Objects.requireNonNull(toId, "toId");
        java.util.Objects.requireNonNull(type, "type");
        note = note == null ? "" : note;
    }
}
