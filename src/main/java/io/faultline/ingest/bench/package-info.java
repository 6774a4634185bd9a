/**
 * For the benchmarks ({@code faultline bench-ingest}, {@code faultline bench}): a deterministic generator of journal dumps
 * and a meter of the heap.
 */
package io.faultline.ingest.bench;
