package org.entraide.testing;

import java.util.function.Supplier;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Reads and writes the test database in a transaction of its own, as another request would. */
public final class Db {

    private Db() {
    }

    public static <T> T tx(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    public static void run(Runnable work) {
        QuarkusTransaction.requiringNew().run(work);
    }
}
