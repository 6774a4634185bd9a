/** Exporters of the annotated timeline: JSON (data) and one self-contained HTML file. No JavaFX here. */
package io.faultline.export;
