package io.faultline.ui;

import io.faultline.model.Event;
import io.faultline.model.Span;
import io.faultline.model.TimeWindow;

/** What panes may ask the workbench to do (open the note dialog for a target; edit, delete or link a note). */
interface WorkbenchActions {
    void noteOnEvent(Event event);

    void noteOnSpan(Span span);

    void noteOnRange(TimeWindow range);

    /** The edit dialog of a note ({@link io.faultline.model.Annotation}) or a link. */
    void editAnnotation(Object item);

    /** Deletes a note (with its links) or a link; undoable. */
    void deleteAnnotation(Object item);

    /** The link dialog with {@code from} as the cause. */
    void linkFrom(io.faultline.model.Annotation from);
}
