/** Immutable records of an incident: events, spans, series, hosts, containers, annotations. No I/O, no JavaFX. */
package io.faultline.model;
