/**
 * The workbench window: JavaFX views over one shared {@link io.faultline.ui.InvestigationState}. The only
 * package (besides app) that imports javafx.
 */
package io.faultline.ui;
