package io.travobooks.testkit.coordination;

/**
 * Stands for the database row a lock protects: it accepts a write only with a fencing token at least as high as
 * the highest it has seen, as {@code UPDATE ... SET fence = :token WHERE id = :id AND fence <= :token} does.
 */
public final class FencedResource {
    private long highestToken;
    private String value;

    public synchronized boolean write(long fencingToken, String newValue) {
        if (fencingToken < highestToken) {
            return false;
        }
        highestToken = fencingToken;
        value = newValue;
        return true;
    }

    public synchronized String value() {
        return value;
    }
}
