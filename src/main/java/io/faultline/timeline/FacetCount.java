package io.faultline.timeline;

/** How many events carry one value of a facet; {@code value} is null for the events that have none. */
public record FacetCount(String value, int count) {
}
