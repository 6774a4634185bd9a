/** Exporters: the annotated timeline as self-contained HTML, JSON data, the CLI summary. No JavaFX here. */
package io.faultline.export;
