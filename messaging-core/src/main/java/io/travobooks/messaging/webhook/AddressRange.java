package io.travobooks.messaging.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/** An IPv4 or IPv6 network in CIDR notation, for example {@code 10.0.0.0/8} or {@code fc00::/7}. */
public record AddressRange(InetAddress network, int prefixLength) {
    public AddressRange {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("a prefix of " + network + " is 0 to " + bits + " bits");
        }
    }

    /** Parses {@code address/prefix}; the address must be a literal (no name is looked up). */
    public static AddressRange parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR range: " + cidr);
        }
        String address = cidr.substring(0, slash);
        if (!address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            throw new IllegalArgumentException("not an address literal: " + address);
        }
        try {
            return new AddressRange(InetAddress.getByName(address), Integer.parseInt(cidr.substring(slash + 1)));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR range: " + cidr, e);
        }
    }

    /** Compares the prefix byte by byte, for IPv4 and IPv6 alike; an IPv4 range never contains an IPv6 address. */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] base = network.getAddress();
        if (candidate.length != base.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != base[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (candidate[whole] & mask) == (base[whole] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
