package org.entraide.matching;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.entraide.web.EntraideConfig;

/**
 * The threads that compute course teams' matching runs, apart from the worker threads that serve pages: with
 * eight workers, eight courses pressing "Run now" together would otherwise leave no thread for any page until the
 * runs end. Runs beyond {@code entraide.matching.threads} wait in a queue; a run interrupted by a shutdown stays
 * "running" until {@link MatchingService#failInterruptedRuns()} marks it failed.
 */
@ApplicationScoped
public class MatchingExecutor {

    private final ExecutorService executor;
    private final AtomicInteger pending = new AtomicInteger();

    @Inject
    MatchingExecutor(EntraideConfig config) {
        this(config.matching().threads());
    }

    MatchingExecutor(int threads) {
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), work -> {
            Thread thread = new Thread(work, "entraide-matching-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public void submit(Runnable run) {
        pending.incrementAndGet();
        try {
            executor.execute(() -> {
                try {
                    run.run();
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            throw e;
        }
    }

    /**
     * Work submitted and not yet finished, queued or computing, including what follows a run once its preview shows
     * (checking its drafts): until it is 0, statements may still run beside any request.
     */
    public int pending() {
        return pending.get();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
