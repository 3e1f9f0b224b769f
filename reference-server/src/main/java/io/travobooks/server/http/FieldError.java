package io.travobooks.server.http;

/** One thing wrong with a request: a JSON pointer into the body, or a parameter's name, and what is wrong. */
public record FieldError(String field, String message) {
}
