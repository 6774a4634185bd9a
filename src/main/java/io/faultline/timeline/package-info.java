/**
 * The timeline index: time-sorted primitive arrays, range queries and bucket counts at any zoom, interned facet
 * columns with counts per range, filters ({@link io.faultline.timeline.Filter}) and text/regex search
 * ({@link io.faultline.timeline.TimelineSearch}) on all cores, cancellable, yielding a
 * {@link io.faultline.timeline.Selection} of event indices in time order.
 */
package io.faultline.timeline;
