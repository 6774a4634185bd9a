package io.faultline.analysis;

import io.faultline.model.Event;
import io.faultline.model.Severity;
import io.faultline.timeline.TimelineIndex;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** sshd lines as real hosts wrote them (the seed incident, the bundled sample's testbed, a no-more-sessions burst). */
class SshAuthTest {
    private static SshAuth auth(SshAuth.Kind kind, String address, String user) {
        return new SshAuth(kind, address, user);
    }

    @Test
    void failuresNameTheirAddressAndUser() {
        assertThat(SshAuth.classify("Failed password for invalid user root from 203.0.113.10 port 34134 ssh2"))
                .isEqualTo(auth(SshAuth.Kind.FAILED_PASSWORD, "203.0.113.10", "root"));
        assertThat(SshAuth.classify("Failed password for invalid user pi from 198.51.100.23 port 36242 ssh2"))
                .isEqualTo(auth(SshAuth.Kind.FAILED_PASSWORD, "198.51.100.23", "pi"));
        assertThat(SshAuth.classify("Failed password for deploy from 2001:db8::7 port 51022 ssh2"))
                .isEqualTo(auth(SshAuth.Kind.FAILED_PASSWORD, "2001:db8::7", "deploy"));
        assertThat(SshAuth.classify("Failed publickey for faultline from 127.0.0.1 port 40118 ssh2: ED25519 SHA256:S5EZyIywMPH4iFOCqiMTYw/B"))
                .isEqualTo(auth(SshAuth.Kind.FAILED_PUBLICKEY, "127.0.0.1", "faultline"));
        assertThat(SshAuth.classify("Invalid user pi from 198.51.100.23 port 36242"))
                .isEqualTo(auth(SshAuth.Kind.INVALID_USER, "198.51.100.23", "pi"));
        assertThat(SshAuth.classify("Invalid user admin from 127.0.0.1 port 40176"))
                .isEqualTo(auth(SshAuth.Kind.INVALID_USER, "127.0.0.1", "admin"));
        assertThat(SshAuth.classify("User root from 203.0.113.10 not allowed because not listed in AllowUsers"))
                .isEqualTo(auth(SshAuth.Kind.NOT_ALLOWED, "203.0.113.10", "root"));
        assertThat(SshAuth.classify("Connection closed by invalid user root 203.0.113.10 port 34134 [preauth]"))
                .isEqualTo(auth(SshAuth.Kind.CLOSED_AUTHENTICATING, "203.0.113.10", "root"));
        assertThat(SshAuth.classify("Connection closed by authenticating user root 192.0.2.9 port 50022 [preauth]"))
                .isEqualTo(auth(SshAuth.Kind.CLOSED_AUTHENTICATING, "192.0.2.9", "root"));
        assertThat(SshAuth.classify("Disconnected from authenticating user faultline 127.0.0.1 port 40118 [preauth]"))
                .isEqualTo(auth(SshAuth.Kind.CLOSED_AUTHENTICATING, "127.0.0.1", "faultline"));
        assertThat(SshAuth.classify("Disconnected from invalid user pi 198.51.100.23 port 36242 [preauth]"))
                .isEqualTo(auth(SshAuth.Kind.CLOSED_AUTHENTICATING, "198.51.100.23", "pi"));
        assertThat(SshAuth.classify("error: maximum authentication attempts exceeded for root from 192.0.2.44 port 40510 ssh2 [preauth]"))
                .isEqualTo(auth(SshAuth.Kind.MAX_AUTH_ATTEMPTS, "192.0.2.44", "root"));
        assertThat(SshAuth.classify("Disconnecting authenticating user root 192.0.2.44 port 40510: Too many authentication failures [preauth]"))
                .isEqualTo(auth(SshAuth.Kind.MAX_AUTH_ATTEMPTS, "192.0.2.44", "root"));
        assertThat(SshAuth.Kind.MAX_AUTH_ATTEMPTS.failure()).isTrue();
    }

    @Test
    void sessionsOpenedAndRefused() {
        assertThat(SshAuth.classify("Accepted publickey for faultline from 127.0.0.1 port 51834 ssh2: ED25519 SHA256:gBLZx2ptpPnDSsfHaEn5m0VTGBXMi8dU7VftG5+oqvc"))
                .isEqualTo(auth(SshAuth.Kind.SESSION_OPENED, "127.0.0.1", "faultline"));
        assertThat(SshAuth.classify("pam_unix(sshd:session): session opened for user root(uid=0) by (uid=0)"))
                .isEqualTo(auth(SshAuth.Kind.SESSION_OPENED, null, "root"));
        assertThat(SshAuth.classify("error: no more sessions")).isEqualTo(auth(SshAuth.Kind.SESSION_REFUSED, null, null));
        assertThat(SshAuth.classify("refused connect from 192.0.2.8 (192.0.2.8)"))
                .isEqualTo(auth(SshAuth.Kind.SESSION_REFUSED, "192.0.2.8", null));
        assertThat(SshAuth.classify("error: connect_to 10.0.0.5 port 5432: failed. Connection refused")).isNull();
        assertThat(SshAuth.classify("error: connect_to localhost port 8080: Connection refused"))
                .isEqualTo(auth(SshAuth.Kind.SESSION_REFUSED, null, null));
        assertThat(SshAuth.Kind.SESSION_REFUSED.failure()).isFalse();
    }

    @Test
    void linesThatSayNothingAboutLoginsAreNotClassified() {
        for (String line : List.of(
                "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.1>",
                "pam_unix(sshd:auth): check pass; user unknown",
                "Received disconnect from 198.51.100.23 port 36242:11: Bye Bye [preauth]",
                "error: kex_exchange_identification: client sent invalid protocol identifier \"GET / HTTP/1.1\"",
                "Connection closed by 198.51.100.168 port 47158",
                "Connection from 127.0.0.1 port 51834 on 127.0.0.1 port 2222 rdomain \"\"",
                "Postponed publickey for faultline from 127.0.0.1 port 51834 ssh2 [preauth]",
                "Disconnected from user root 192.0.2.36 port 49422",
                "pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)",
                "")) {
            assertThat(SshAuth.classify(line)).as(line).isNull();
        }
    }

    @Test
    void sshdIsKnownByIdentifierOrUnit() {
        assertThat(SshAuth.isSshd("sshd", null)).isTrue();
        assertThat(SshAuth.isSshd("sshd-session", null)).isTrue();
        assertThat(SshAuth.isSshd(null, "ssh.service")).isTrue();
        assertThat(SshAuth.isSshd("CRON", "cron.service")).isFalse();
        assertThat(SshAuth.isSshd("systemd", null)).isFalse();
    }

    @Test
    void activityGroupsFailuresPerAddressMostFirstAndSkipsOtherPrograms() {
        String[][] lines = {
                {"sshd", "User root from 203.0.113.10 not allowed because not listed in AllowUsers"},
                {"sshd", "Failed password for invalid user root from 203.0.113.10 port 34134 ssh2"},
                {"sshd", "Connection closed by invalid user root 203.0.113.10 port 34134 [preauth]"},
                {"sshd", "Invalid user pi from 198.51.100.23 port 36242"},
                {"CRON", "pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)"},
                {"sshd", "Accepted publickey for faultline from 127.0.0.1 port 51834 ssh2: ED25519 SHA256:x"},
                {"sshd", "error: no more sessions"},
                {"sshd-session", "error: no more sessions"},
                {"sshd", "Received disconnect from 198.51.100.23 port 36242:11: Bye Bye [preauth]"},
        };
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            events.add(new Event("e" + i, 1_000_000_000L * (i + 1), "", "ubuntu", "journal-short", null, lines[i][0],
                    Severity.INFO, lines[i][1], null, false, null, null));
        }
        SshActivity a = SshActivity.of(new TimelineIndex(events));
        assertThat(a.addresses()).extracting(SshActivity.AddressRow::address).containsExactly("203.0.113.10", "198.51.100.23");
        assertThat(a.addresses().getFirst().failures()).extracting(SshActivity.Hit::eventIndex).containsExactly(0, 1, 2);
        assertThat(a.addresses().getFirst().failures()).extracting(h -> h.auth().kind())
                .containsExactly(SshAuth.Kind.NOT_ALLOWED, SshAuth.Kind.FAILED_PASSWORD, SshAuth.Kind.CLOSED_AUTHENTICATING);
        assertThat(a.opened()).extracting(SshActivity.Hit::timeNanos).containsExactly(6_000_000_000L);
        assertThat(a.refused()).extracting(SshActivity.Hit::eventIndex).containsExactly(6, 7);
        assertThat(a.isEmpty()).isFalse();
    }
}
