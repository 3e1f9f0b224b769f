package io.travobooks.server.config;

/** A setting that is missing or wrong; the message names it as a YAML key and as its environment variable. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
