/** A deterministic generator of journal dumps for the ingest benchmark ({@code faultline bench-ingest}). */
package io.faultline.ingest.bench;
