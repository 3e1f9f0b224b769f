package io.travobooks.messaging.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides where a webhook may be delivered: the target's host is resolved once, and refused when any of its
 * addresses is loopback, private, link-local (cloud metadata at 169.254.169.254 among them), shared (carrier NAT),
 * unspecified or multicast, unless the configuration allowlists its range (tests allowlist loopback). The caller
 * then connects to the vetted address, so that a DNS answer that changes between check and connect (rebinding)
 * cannot redirect the delivery.
 */
public final class SsrfGuard {
    /** Ranges no public webhook target lives in. */
    private static final List<AddressRange> FORBIDDEN = List.of(
            AddressRange.parse("0.0.0.0/8"), AddressRange.parse("10.0.0.0/8"), AddressRange.parse("100.64.0.0/10"),
            AddressRange.parse("127.0.0.0/8"), AddressRange.parse("169.254.0.0/16"),
            AddressRange.parse("172.16.0.0/12"), AddressRange.parse("192.0.0.0/24"),
            AddressRange.parse("192.168.0.0/16"), AddressRange.parse("198.18.0.0/15"),
            AddressRange.parse("224.0.0.0/4"), AddressRange.parse("240.0.0.0/4"),
            AddressRange.parse("::/128"), AddressRange.parse("::1/128"), AddressRange.parse("fc00::/7"),
            AddressRange.parse("fe80::/10"), AddressRange.parse("ff00::/8"),
            AddressRange.parse("fd00:ec2::254/128"));

    /** Looks a host name up; the JDK's resolver by default, a fixed table in tests. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** Why a target was refused. */
    public enum Refusal {
        NOT_HTTP, NO_HOST, UNRESOLVED, FORBIDDEN_ADDRESS
    }

    /** A vetted target: connect to {@code address}, sending {@code uri}'s host name. */
    public record Vetted(URI uri, InetAddress address) {
    }

    /** The verdict on a target, with the refusal and a detail when it is refused. */
    public sealed interface Verdict {
        record Allowed(Vetted target) implements Verdict {
        }

        record Refused(Refusal reason, String detail) implements Verdict {
        }
    }

    private final Resolver resolver;
    private final List<AddressRange> allowed;

    public SsrfGuard(Resolver resolver, List<AddressRange> allowed) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.allowed = List.copyOf(allowed);
    }

    /** The JDK's resolver, allowing only {@code allowed} of the forbidden ranges. */
    public static SsrfGuard withAllowed(List<AddressRange> allowed) {
        return new SsrfGuard(host -> Arrays.asList(InetAddress.getAllByName(host)), allowed);
    }

    public Verdict vet(URI uri) {
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new Verdict.Refused(Refusal.NOT_HTTP, "a webhook goes over http or https, not " + uri);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return new Verdict.Refused(Refusal.NO_HOST, "no host in " + uri);
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return new Verdict.Refused(Refusal.UNRESOLVED, host + " does not resolve");
        }
        if (addresses.isEmpty()) {
            return new Verdict.Refused(Refusal.UNRESOLVED, host + " has no address");
        }
        for (InetAddress address : addresses) {
            InetAddress plain = unmapped(address);
            boolean forbidden = FORBIDDEN.stream().anyMatch(range -> range.contains(plain));
            if (forbidden && allowed.stream().noneMatch(range -> range.contains(plain))) {
                return new Verdict.Refused(Refusal.FORBIDDEN_ADDRESS, host + " resolves to "
                        + plain.getHostAddress() + ", an address webhooks may not reach");
            }
        }
        return new Verdict.Allowed(new Vetted(uri, addresses.getFirst()));
    }

    /** An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is. */
    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            if (mapped && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) {
                try {
                    return Inet4Address.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("four bytes are an IPv4 address", e);
                }
            }
        }
        return address;
    }
}
