package org.entraide.account;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a request that checks or hashes a password: {@link PasswordWorkLimit} lets only a few run at once. On the
 * resource method, so that nothing waits for its turn while holding a database connection.
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface PasswordWork {
}
