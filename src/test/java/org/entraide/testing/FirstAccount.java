package org.entraide.testing;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.entraide.account.AccountService;
import org.entraide.account.Person;

import io.quarkus.runtime.StartupEvent;

/**
 * Creates the very first account at start-up, through the real sign-up, so that "the first account is
 * platform admin" (when {@code entraide.admin-email} is unset) always lands on this known account and
 * never on whichever person the first test class happens to create.
 */
@ApplicationScoped
public class FirstAccount {

    public static final String EMAIL = "first-account@entraide.test";
    public static final String PASSWORD = "first-account-password";

    void createFirstAccount(@Observes StartupEvent event, AccountService accounts) {
        if (Person.count() == 0) {
            accounts.signUp(new AccountService.SignUp(EMAIL, "First Account", PASSWORD, PASSWORD, "en"), "/", Locale.ENGLISH).orElseThrow();
        }
    }
}
