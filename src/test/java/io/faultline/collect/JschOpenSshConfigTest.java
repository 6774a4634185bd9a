package io.faultline.collect;

import com.jcraft.jsch.ConfigRepository;
import com.jcraft.jsch.OpenSSHConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why Faultline reads the ssh config itself (decision 0011): what JSch 2.28's {@code OpenSSHConfig} makes of the same
 * file as {@link SshRouteTest}, side by side with {@link SshRoute}. Should a JSch update fix these, this test says so.
 */
class JschOpenSshConfigTest {
    private static final Path CONFIG_DIR = Path.of("src/test/resources/sshconfig");

    @TempDir
    Path home;

    private SshTarget ours(String alias) throws Exception {
        return SshRoute.resolve(alias, SshConfig.read(CONFIG_DIR.resolve("config"), CONFIG_DIR),
                new SshRoute.Overrides(null, null), new SshRoute.Local(home, "alice", null, home.resolve("none")),
                Prompter.NONE).destination().target();
    }

    private static ConfigRepository.Config jsch(String alias) throws Exception {
        return OpenSSHConfig.parseFile(CONFIG_DIR.resolve("config").toString()).getConfig(alias);
    }

    @Test
    void jschReadsLinesUnderMatchAsPartOfTheHostSectionBeforeIt() throws Exception {
        assertThat(jsch("web1").getUser()).isEqualTo("ignored-by-faultline");
        assertThat(ours("web1").user()).isEqualTo("everyone");
    }

    @Test
    void jschIgnoresInclude() throws Exception {
        assertThat(jsch("db2").getHostname()).isNull();
        assertThat(jsch("db2").getUser()).isEqualTo("everyone");
        assertThat(ours("db2")).isEqualTo(new SshTarget("team", "10.20.0.12", 22));
    }

    @Test
    void jschExpandsNoTokens() throws Exception {
        assertThat(jsch("web1").getHostname()).isEqualTo("%h.internal.example.net");
        assertThat(jsch("db1").getValues("IdentityFile")).contains("~/.ssh/db_%h_%r");
        assertThat(ours("web1").host()).isEqualTo("web1.internal.example.net");
    }

    @Test
    void jschAgreesOnNegationFirstValueWinsAndPorts() throws Exception {
        ConfigRepository.Config j = jsch("db1.prod");
        assertThat(new SshTarget(j.getUser(), j.getHostname(), j.getPort())).isEqualTo(ours("db1.prod"));
        assertThat(jsch("bastion.prod").getValue("ProxyJump")).isEqualTo("gate");
    }
}
