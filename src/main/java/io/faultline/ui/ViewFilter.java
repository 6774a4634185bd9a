package io.faultline.ui;

import io.faultline.timeline.CancelFlag;
import io.faultline.timeline.Facet;
import io.faultline.timeline.Filter;
import io.faultline.timeline.Query;
import io.faultline.timeline.Selection;
import io.faultline.timeline.TimelineIndex;
import io.faultline.timeline.TimelineSearch;
import javafx.beans.InvalidationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Keeps {@link InvestigationState#viewProperty()} in step with the state's filter, query and "only hits" switch: each
 * change cancels the computation running and starts a new one on a background thread, which scans with a
 * {@link TimelineSearch} on every core; the result comes back through {@code fx} (the JavaFX thread) and is dropped if
 * a newer change came meanwhile. Listeners are attached on construction; call on the JavaFX thread, {@link #close()} at the end.
 */
final class ViewFilter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ViewFilter.class);

    private final InvestigationState state;
    private final TimelineIndex index;
    private final Executor fx;
    private final Consumer<String> onError;
    private final TimelineSearch search = TimelineSearch.allCores();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "faultline-view-filter");
        t.setDaemon(true);
        return t;
    });
    private final LongAdder scanned = new LongAdder();
    private final InvalidationListener changed = o -> run();
    private volatile long toScan;
    private CancelFlag running;
    private long generation;
    private boolean interrupted;

    ViewFilter(InvestigationState state, TimelineIndex index, Executor fx, Consumer<String> onError) {
        this.state = state;
        this.index = index;
        this.fx = fx;
        this.onError = onError;
        state.filterProperty().addListener(changed);
        state.queryProperty().addListener(changed);
        state.filterToHitsProperty().addListener(changed);
    }

    /**
     * What {@code filter} and {@code query} keep over the whole index, scanned on the caller with {@code search}.
     *
     * @throws CancellationException when {@code cancel} is set before the end
     */
    static FilteredView compute(TimelineSearch search, TimelineIndex index, Filter filter, Query query, boolean toHits,
                                CancelFlag cancel, LongConsumer progress) {
        Selection hits = query == null ? null : search.run(index, filter.matching(query), cancel, progress);
        Query applied = toHits ? query : null;
        Selection kept = applied != null ? hits
                : FacetFilters.constrains(filter) ? search.run(index, filter, cancel, progress) : null;
        Map<Facet, Selection> without = new EnumMap<>(Facet.class);
        for (Facet f : filter.include().keySet()) {
            Filter rest = FacetFilters.withoutIncluded(filter, f).matching(applied);
            without.put(f, FacetFilters.constrains(rest) || applied != null ? search.run(index, rest, cancel, progress) : null);
        }
        return new FilteredView(filter, query, toHits, kept, hits, without);
    }

    /** Cancels what runs and computes the view of the state's filter, query and switch now. */
    void run() {
        cancelRunning();
        interrupted = false;
        long gen = ++generation;
        Filter filter = state.filter();
        Query query = state.query();
        boolean toHits = state.filterToHits();
        if (query == null && !FacetFilters.constrains(filter)) {
            state.setFiltering(false);
            state.setView(new FilteredView(filter, null, toHits, null, null, Map.of()));
            return;
        }
        CancelFlag flag = new CancelFlag();
        running = flag;
        scanned.reset();
        toScan = (long) index.size() * ((query != null ? 1 : 0) + (query == null || !toHits ? 1 : 0) + filter.include().size());
        state.setFiltering(true);
        worker.execute(() -> {
            try {
                FilteredView view = compute(search, index, filter, query, toHits, flag, scanned::add);
                fx.execute(() -> finish(gen, view, null));
            } catch (CancellationException e) {
                LOG.debug("filter {} with {} replaced before it finished", filter, query);
            } catch (RuntimeException e) {
                LOG.error("filtering by {} with {} failed", filter, query, e);
                fx.execute(() -> finish(gen, null, "Search failed: " + e.getMessage()));
            }
        });
    }

    private void finish(long gen, FilteredView view, String error) {
        if (gen != generation) {
            return;
        }
        running = null;
        state.setFiltering(false);
        if (view != null) {
            state.setView(view);
        } else {
            onError.accept(error);
        }
    }

    /** A keystroke in the search field: stops the running search at once, since its query is about to change. */
    void interrupt() {
        if (running != null) {
            cancelRunning();
            interrupted = true;
        }
    }

    /** The query stays as it was after all (the new one does not compile): computes again what {@link #interrupt} stopped. */
    void resume() {
        if (interrupted) {
            run();
        }
    }

    /** How far the running computation is, 0 to 1. */
    double progress() {
        long total = toScan;
        return total == 0 ? 0 : Math.min(1, scanned.sum() / (double) total);
    }

    private void cancelRunning() {
        if (running != null) {
            running.cancel();
            running = null;
        }
    }

    @Override
    public void close() {
        state.filterProperty().removeListener(changed);
        state.queryProperty().removeListener(changed);
        state.filterToHitsProperty().removeListener(changed);
        cancelRunning();
        worker.shutdownNow();
        search.close();
    }
}
