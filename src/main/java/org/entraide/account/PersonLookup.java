package org.entraide.account;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/**
 * How {@link CurrentPerson} reads the person of a local session, once per request. The web layer replaces it so that
 * the person and the header's unread badge, which every page shows, come in one statement.
 */
public interface PersonLookup {

    Optional<Person> byId(long personId);

    /** The plain lookup, used unless another bean replaces it. */
    @DefaultBean
    @ApplicationScoped
    class ById implements PersonLookup {

        @Override
        public Optional<Person> byId(long personId) {
            return Person.findByIdOptional(personId);
        }
    }
}
