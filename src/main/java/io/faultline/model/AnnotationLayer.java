package io.faultline.model;

import java.util.List;

/**
 * The annotations and links of a bundle: a versioned layer beside the raw data, never inside it. Version 2 added
 * severities, span kinds and series-point targets; a version 1 layer reads with every note at {@code info}.
 */
public record AnnotationLayer(int version, List<Annotation> annotations, List<CausalLink> links) {
    public static final int CURRENT_VERSION = 2;

    public AnnotationLayer {
        annotations = List.copyOf(annotations);
        links = List.copyOf(links);
    }

    public static AnnotationLayer empty() {
        return new AnnotationLayer(CURRENT_VERSION, List.of(), List.of());
    }
}
