package io.faultline.collect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SshTargetTest {
    @Test
    void parsesUserHostAndPort() {
        assertThat(SshTarget.parse("faultline@127.0.0.1:2222")).isEqualTo(new SshTarget("faultline", "127.0.0.1", 2222));
        assertThat(SshTarget.parse("ops@web-01.example.org")).isEqualTo(new SshTarget("ops", "web-01.example.org", 22));
        assertThat(SshTarget.parse("ops@[2001:db8::1]:2200")).isEqualTo(new SshTarget("ops", "2001:db8::1", 2200));
    }

    @Test
    void namesTheHostAsKnownHostsDoes() {
        assertThat(SshTarget.parse("a@h:2222").knownHostsName()).isEqualTo("[h]:2222");
        assertThat(SshTarget.parse("a@h").knownHostsName()).isEqualTo("h");
        assertThat(SshTarget.parse("a@[2001:db8::1]:2200").entryName()).isEqualTo("2001_db8__1");
        assertThat(SshTarget.parse("a@[2001:db8::1]:2200")).hasToString("a@[2001:db8::1]:2200");
    }

    @Test
    void refusesWhatIsNotUserAtHost() {
        for (String bad : new String[] {"127.0.0.1", "@h", "a@", "a@h:0", "a@h:65536", "a@h:x", "a;b@h", "a@h;id", "a@-oProxyCommand=x"}) {
            assertThatThrownBy(() -> SshTarget.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
