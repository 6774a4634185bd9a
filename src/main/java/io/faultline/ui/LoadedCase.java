package io.faultline.ui;

import io.faultline.model.AnnotationLayer;
import io.faultline.model.Evidence;

import java.nio.file.Path;

/**
 * What the workbench shows: the evidence of a bundle and its annotation layer.
 *
 * @param bundlePath where annotations are saved; null when the case did not come from a bundle file
 */
public record LoadedCase(Path bundlePath, Evidence evidence, AnnotationLayer annotations) {
    public LoadedCase {
        java.util.Objects.requireNonNull(evidence, "evidence");
        annotations = annotations == null ? AnnotationLayer.empty() : annotations;
    }
}
