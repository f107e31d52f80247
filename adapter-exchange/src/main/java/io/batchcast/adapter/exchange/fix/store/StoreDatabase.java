package io.batchcast.adapter.exchange.fix.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The database that holds a FIX message store: a JDBC URL ({@code jdbc:sqlite:...}, {@code jdbc:h2:...} or
 * {@code jdbc:postgresql:...}) and
 * credentials. The gateway passes its own database here, as it does to adapter-persistence: a URL, not a pool.
 *
 * @param url      JDBC URL
 * @param user     database user; empty means the driver's default
 * @param password database password; empty means none
 */
public record StoreDatabase(String url, String user, String password) {

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    public StoreDatabase {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the FIX message store needs a jdbc:sqlite:, jdbc:h2: or"
                    + " jdbc:postgresql: URL, was '"
                    + redact(url) + "'");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /** The URL with any password in it replaced, for messages and logs. */
    public String redactedUrl() {
        return redact(url);
    }

    @Override
    public String toString() {
        return "StoreDatabase[" + redactedUrl() + (user.isEmpty() ? "" : ", user " + user) + "]";
    }

    private static String redact(String url) {
        return URL_PASSWORD.matcher(url).replaceAll("$1***");
    }
}
