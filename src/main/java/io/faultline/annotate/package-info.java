/** The annotation store: notes and causal links, every edit an undoable command with a description. */
package io.faultline.annotate;
