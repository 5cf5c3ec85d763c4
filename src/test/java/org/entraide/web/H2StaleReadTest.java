package org.entraide.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * The embedded database (H2, the default and the test database) must not answer a query with rows older than a commit
 * it has already made visible. H2 2.3.230 did, from its result cache, when the commit landed while the same query ran
 * on another connection (h2database issue 3894): 370 to 450 of these 3,000 trials. It made a matching run that was already
 * a preview read as still running, so "Publish" was refused once in the test suite. The pom pins a fixed H2.
 */
class H2StaleReadTest {

    private static final int TRIALS = 3000;

    @Test
    void aReadAfterAnotherConnectionCommittedSeesTheCommit() throws Exception {
        String url = "jdbc:h2:mem:stale-read-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Connection setup = DriverManager.getConnection(url, "sa", "");
                Connection writer = DriverManager.getConnection(url, "sa", "");
                Connection reader = DriverManager.getConnection(url, "sa", "");
                Statement create = setup.createStatement()) {
            create.execute("create table run (id int primary key, status int not null)");
            writer.setAutoCommit(false);
            reader.setAutoCommit(false);
            PreparedStatement insert = setup.prepareStatement("insert into run values (?, 0)");
            PreparedStatement update = writer.prepareStatement("update run set status = 1 where id = ?");
            PreparedStatement read = reader.prepareStatement("select status from run where id = ?");
            int stale = 0;
            for (int id = 0; id < TRIALS; id++) {
                insert.setInt(1, id);
                insert.executeUpdate();
                int run = id;
                AtomicBoolean committed = new AtomicBoolean();
                Future<?> write = threads.submit(() -> {
                    update.setInt(1, run);
                    update.executeUpdate();
                    writer.commit();
                    committed.set(true);
                    return null;
                });
                // the same query over and over while the commit lands, then once more after it
                Future<Integer> seen = threads.submit(() -> {
                    while (!committed.get()) {
                        status(read, reader, run);
                    }
                    return status(read, reader, run);
                });
                write.get();
                if (seen.get() != 1) {
                    stale++;
                }
            }
            assertEquals(0, stale, "reads that missed a commit made before them, out of " + TRIALS);
        } finally {
            threads.shutdownNow();
        }
    }

    private static int status(PreparedStatement read, Connection reader, int id) throws SQLException {
        read.setInt(1, id);
        try (ResultSet rows = read.executeQuery()) {
            rows.next();
            int status = rows.getInt(1);
            reader.commit();
            return status;
        }
    }
}
