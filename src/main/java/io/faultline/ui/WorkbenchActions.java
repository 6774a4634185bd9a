package io.faultline.ui;

import io.faultline.model.Event;
import io.faultline.model.Span;
import io.faultline.model.TimeWindow;

/** What panes may ask the workbench to do (open the note dialog for a target). */
interface WorkbenchActions {
    void noteOnEvent(Event event);

    void noteOnSpan(Span span);

    void noteOnRange(TimeWindow range);
}
