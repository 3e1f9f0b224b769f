package io.travobooks.server.config;

import java.util.regex.Pattern;

/** Settings shown in messages and logs without the credentials they may carry. */
final class Secrets {
    private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password|pwd)=[^&;]*");

    private Secrets() {
    }

    /** A URL without its user name and password ({@code user:secret@} or a {@code password=} parameter). */
    static String redacted(String url) {
        return PASSWORD_PARAMETER.matcher(USER_INFO.matcher(url).replaceAll("//***@")).replaceAll("$1=***");
    }
}
