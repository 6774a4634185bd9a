package io.faultline.model;

/** Per bundle entry: what kind of source it was and what came out of it. */
public record SourceStats(String entry, String host, String kind, long events, long spans, long seriesPoints,
                          long diagnostics) {
}
