package io.travobooks.messaging.webhook;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/** Prefix matching agrees with the arithmetic definition: the top {@code prefix} bits are equal. */
class AddressRangeProperties {

    @Property
    void ipv4MatchesTheTopBits(@ForAll @Size(4) byte[] network, @ForAll @Size(4) byte[] candidate,
                               @ForAll @IntRange(max = 32) int prefix, @ForAll @IntRange(max = 32) int shared)
            throws UnknownHostException {
        check(network, withSharedBits(network, candidate, shared), prefix);
    }

    @Property
    void ipv6MatchesTheTopBits(@ForAll @Size(16) byte[] network, @ForAll @Size(16) byte[] candidate,
                               @ForAll @IntRange(max = 128) int prefix, @ForAll @IntRange(max = 128) int shared)
            throws UnknownHostException {
        check(network, withSharedBits(network, candidate, shared), prefix);
    }

    private static void check(byte[] network, byte[] candidate, int prefix) throws UnknownHostException {
        AddressRange range = new AddressRange(InetAddress.getByAddress(network), prefix);
        int bits = network.length * 8;
        BigInteger top = new BigInteger(1, network).shiftRight(bits - prefix);
        boolean expected = new BigInteger(1, candidate).shiftRight(bits - prefix).equals(top);
        assertThat(range.contains(InetAddress.getByAddress(candidate))).isEqualTo(expected);
    }

    /** The candidate with its first {@code shared} bits copied from the network, so that matches are common. */
    private static byte[] withSharedBits(byte[] network, byte[] candidate, int shared) {
        byte[] out = candidate.clone();
        for (int bit = 0; bit < Math.min(shared, network.length * 8); bit++) {
            int mask = 0x80 >>> (bit % 8);
            out[bit / 8] = (byte) ((out[bit / 8] & ~mask) | (network[bit / 8] & mask));
        }
        return out;
    }
}
