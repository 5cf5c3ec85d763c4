package org.entraide.profile;

public enum CertificateIntent {
    YES, NO, UNDECIDED
}
