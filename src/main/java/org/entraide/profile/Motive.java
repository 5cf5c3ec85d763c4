package org.entraide.profile;

/** Why a learner enrolled: the seven usage registers and the epistemic motive of DOMAIN.md. */
public enum Motive {
    /** Support my current studies. */
    COMPLEMENTARY,
    /** Show employers what I can do (certificate on my CV). */
    COMPETITIVE,
    /** Get recognition for skills I already use at work. */
    LEGITIMATION,
    /** No other training is available to me. */
    OPPORTUNITY,
    /** MOOCs are part of my job (e-learning professionals). */
    CORE_OF_JOB,
    /** Change jobs as an employee. */
    CAREER_CHANGE_EMPLOYEE,
    /** Become independent / start my own activity. */
    CAREER_CHANGE_INDEPENDENT,
    /** Learning for its own sake. */
    EPISTEMIC
}
