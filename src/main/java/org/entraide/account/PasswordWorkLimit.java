package org.entraide.account;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.entraide.web.BusyException;
import org.entraide.web.EntraideConfig;

/**
 * Bcrypt is slow on purpose, and pages are served by a few worker threads (see {@code quarkus.thread-pool.max-threads}):
 * without a limit, a flood of sign-ins with made-up addresses would hold every thread and core while pages wait. At
 * most {@code at once} requests do password work, as many wait up to {@link #WAIT_MILLIS} for their turn, and the
 * others are answered "busy, try again" at once.
 */
@ApplicationScoped
public class PasswordWorkLimit {

    static final long WAIT_MILLIS = 2_000;

    /** Requests doing password work or waiting to. */
    final Semaphore admitted;
    /** Requests doing password work. */
    final Semaphore working;

    PasswordWorkLimit(EntraideConfig config) {
        int atOnce = config.auth().passwordWorkAtOnce().orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        this.admitted = new Semaphore(2 * atOnce);
        this.working = new Semaphore(atOnce, true);
    }

    <T> T call(Callable<T> work) throws Exception {
        if (!admitted.tryAcquire()) {
            throw new BusyException();
        }
        try {
            if (!working.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new BusyException();
            }
            try {
                return work.call();
            } finally {
                working.release();
            }
        } finally {
            admitted.release();
        }
    }

    /** Applies the limit to methods marked {@link PasswordWork}; one limit for all of them. */
    @PasswordWork
    @Interceptor
    @Priority(Interceptor.Priority.APPLICATION)
    static class Applied {

        private final PasswordWorkLimit limit;

        Applied(PasswordWorkLimit limit) {
            this.limit = limit;
        }

        @AroundInvoke
        Object apply(InvocationContext invocation) throws Exception {
            return limit.call(invocation::proceed);
        }
    }
}
