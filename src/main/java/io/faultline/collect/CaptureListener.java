package io.faultline.collect;

/** Receives capture progress, through the {@link java.util.concurrent.Executor} given with it. */
@FunctionalInterface
public interface CaptureListener {
    void progress(SourceProgress progress);
}
