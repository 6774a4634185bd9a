/** The capture bundle: one zip holding a versioned manifest, the raw outputs exactly as received, and the annotation layer. */
package io.faultline.capture;
