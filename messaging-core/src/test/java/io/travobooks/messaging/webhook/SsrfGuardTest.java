package io.travobooks.messaging.webhook;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SsrfGuardTest {
    /** A fixed DNS: what each name resolves to, as an attacker's zone might answer. */
    private static final Map<String, List<String>> DNS = Map.of(
            "hooks.partner.example", List.of("93.184.216.34"),
            "rebind.attacker.example", List.of("127.0.0.1"),
            "mixed.attacker.example", List.of("93.184.216.34", "10.0.0.7"),
            "metadata.attacker.example", List.of("169.254.169.254"));

    private static final SsrfGuard.Resolver RESOLVER = host -> {
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
            if (host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                return List.of(InetAddress.getByName(host));
            }
            throw new UnknownHostException(host);
        }
        return addresses.stream().map(address -> {
            try {
                return InetAddress.getByName(address);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    };

    private static SsrfGuard.Verdict vet(String url, String... allowed) {
        return new SsrfGuard(RESOLVER, Arrays.stream(allowed).map(AddressRange::parse).toList())
                .vet(URI.create(url));
    }

    private static SsrfGuard.Refusal refusal(SsrfGuard.Verdict verdict) {
        assertThat(verdict).isInstanceOf(SsrfGuard.Verdict.Refused.class);
        return ((SsrfGuard.Verdict.Refused) verdict).reason();
    }

    @Test
    void aPublicTargetIsAllowedAndPinnedToTheVettedAddress() {
        SsrfGuard.Verdict verdict = vet("https://hooks.partner.example/travo");

        assertThat(verdict).isInstanceOf(SsrfGuard.Verdict.Allowed.class);
        assertThat(((SsrfGuard.Verdict.Allowed) verdict).target().address().getHostAddress())
                .isEqualTo("93.184.216.34");
    }

    @Test
    void privateLoopbackLinkLocalAndMetadataTargetsAreRefused() {
        for (String url : List.of("http://10.1.2.3/", "http://172.16.5.4/", "http://192.168.1.1/",
                "http://127.0.0.1:8080/", "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/",
                "http://0.0.0.0/", "http://[::1]/", "http://[fd12:3456::1]/", "http://[fe80::1]/",
                "http://[::ffff:10.0.0.1]/", "http://[fd00:ec2::254]/")) {
            assertThat(refusal(vet(url))).as(url).isEqualTo(SsrfGuard.Refusal.FORBIDDEN_ADDRESS);
        }
    }

    @Test
    void aNameResolvingToAForbiddenAddressIsRefusedUnlessItsRangeIsAllowlisted() {
        assertThat(refusal(vet("http://rebind.attacker.example/"))).isEqualTo(SsrfGuard.Refusal.FORBIDDEN_ADDRESS);
        assertThat(refusal(vet("http://metadata.attacker.example/")))
                .isEqualTo(SsrfGuard.Refusal.FORBIDDEN_ADDRESS);
        assertThat(refusal(vet("http://mixed.attacker.example/"))).as("one private address is enough")
                .isEqualTo(SsrfGuard.Refusal.FORBIDDEN_ADDRESS);

        assertThat(vet("http://rebind.attacker.example/", "127.0.0.0/8"))
                .isInstanceOf(SsrfGuard.Verdict.Allowed.class);
        assertThat(refusal(vet("http://metadata.attacker.example/", "127.0.0.0/8")))
                .as("allowlisting loopback allows loopback only").isEqualTo(SsrfGuard.Refusal.FORBIDDEN_ADDRESS);
    }

    @Test
    void nonHttpTargetsAndUnknownNamesAreRefused() {
        assertThat(refusal(vet("file:///etc/passwd"))).isEqualTo(SsrfGuard.Refusal.NOT_HTTP);
        assertThat(refusal(vet("gopher://hooks.partner.example/"))).isEqualTo(SsrfGuard.Refusal.NOT_HTTP);
        assertThat(refusal(vet("http://nowhere.invalid/"))).isEqualTo(SsrfGuard.Refusal.UNRESOLVED);
    }

    @Test
    void rangesMatchByPrefix() {
        AddressRange tenSlash8 = AddressRange.parse("10.0.0.0/8");
        assertThat(tenSlash8.contains(address("10.255.0.1"))).isTrue();
        assertThat(tenSlash8.contains(address("11.0.0.1"))).isFalse();
        assertThat(AddressRange.parse("fc00::/7").contains(address("fdff::1"))).isTrue();
        assertThat(AddressRange.parse("fc00::/7").contains(address("fe00::1"))).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(address("8.8.8.8"))).isTrue();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
