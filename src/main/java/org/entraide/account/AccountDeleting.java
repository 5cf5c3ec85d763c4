package org.entraide.account;

/**
 * Fired inside the transaction that deletes a person's account, before the person goes, so that each feature ends or
 * hands over what is theirs without this package knowing the features. An observer refuses the deletion by throwing
 * {@link org.entraide.web.InvalidInputException}; then nothing is deleted.
 */
public record AccountDeleting(long personId, String email) {

    /** Observer order: refusals first, then leaving what is shared with others, then the person's own traces. */
    public static final int CHECK = 100;
    public static final int LEAVE = 200;
    public static final int FORGET = 300;
}
