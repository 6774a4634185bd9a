/** Launcher, command line (picocli) and wiring of the layers. */
package io.faultline.app;
