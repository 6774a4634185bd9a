package io.faultline.collect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SshTargetTest {
    @Test
    void namesTheHostAsKnownHostsDoes() {
        assertThat(new SshTarget("a", "h", 2222).knownHostsName()).isEqualTo("[h]:2222");
        assertThat(new SshTarget("a", "h", 22).knownHostsName()).isEqualTo("h");
        assertThat(new SshTarget("a", "2001:db8::1", 2200).entryName()).isEqualTo("2001_db8__1");
        assertThat(new SshTarget("a", "2001:db8::1", 2200)).hasToString("a@[2001:db8::1]:2200");
        assertThat(new SshTarget("faultline", "127.0.0.1", 2222)).hasToString("faultline@127.0.0.1:2222");
    }

    @Test
    void refusesWhatIsNotAUserAHostAndAPort() {
        String[][] bad = {{"", "h", "22"}, {"a;b", "h", "22"}, {"-oProxyCommand=x", "h", "22"}, {"a", "h;id", "22"},
                {"a", "-oProxyCommand=x", "22"}, {"a", "", "22"}, {"a", "h", "0"}, {"a", "h", "65536"}};
        for (String[] b : bad) {
            assertThatThrownBy(() -> new SshTarget(b[0], b[1], Integer.parseInt(b[2]))).as(String.join(" ", b))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
