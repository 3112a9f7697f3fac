package io.llmplatform.auth.user;

/** The roles a person can hold. (Services acting for themselves carry {@code SERVICE}, which no user holds.) */
public enum Role {
    USER,
    ADMIN
}
