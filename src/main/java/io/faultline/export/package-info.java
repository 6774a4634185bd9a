/** Exporters of the annotated timeline: JSON (data), one self-contained HTML file, and the CLI summary. No JavaFX here. */
package io.faultline.export;
