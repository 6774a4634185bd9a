/**
 * Ingest: raw bundle entries become the model. One parser per format ({@link io.faultline.ingest.SourceParser}),
 * each with {@code probe} (is this my format?) and {@code parse} (bytes to events, spans, series, containers).
 * Bad input becomes a located {@link io.faultline.model.Diagnostic}, never an exception.
 * Entry points: {@link io.faultline.ingest.Ingestor} and {@link io.faultline.ingest.FormatDetector}.
 */
package io.faultline.ingest;
