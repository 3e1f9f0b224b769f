package io.travobooks.spi.channel;

import java.util.List;
import java.util.Objects;

/**
 * A message template the channel's operator approved beforehand (a WhatsApp template), sent by name with its
 * parameters where free text is not allowed: outside the 24-hour customer-service window.
 */
public record ApprovedTemplate(String name, String language, List<String> parameters) {
    public ApprovedTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        parameters = List.copyOf(parameters);
    }
}
