package org.entraide.profile;

/** How a learner knows the partner they bring (DOMAIN.md, "known outside the MOOC"). */
public enum RelationKind {
    FAMILY, FRIEND, COLLEAGUE, CLASSMATE
}
