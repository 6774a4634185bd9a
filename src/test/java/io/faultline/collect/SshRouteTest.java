package io.faultline.collect;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OpenSSH config in {@code src/test/resources/sshconfig/} resolved as {@code ssh} would resolve it. */
class SshRouteTest {
    private static final Path CONFIG_DIR = Path.of("src/test/resources/sshconfig");
    private static final Path CONFIG = CONFIG_DIR.resolve("config");

    @TempDir
    Path home;
    private SshRoute.Local local;
    private SshConfig config;

    @BeforeEach
    void read() throws Exception {
        local = new SshRoute.Local(home, "alice", null, home.resolve("no-global-known-hosts"));
        config = SshConfig.read(CONFIG, CONFIG_DIR);
    }

    private SshRoute resolve(String host) throws CollectException {
        return SshRoute.resolve(host, config, new SshRoute.Overrides(null, null), local, Prompter.NONE);
    }

    private static List<String> targets(List<SshRoute.Hop> hops) {
        return hops.stream().map(h -> h.target().toString()).toList();
    }

    @Test
    void anAliasTakesItsSectionFirstAndTheCatchAllForTheRest() throws Exception {
        SshRoute r = resolve("db1");

        assertThat(r.destination().target()).isEqualTo(new SshTarget("postgres", "10.20.0.11", 22));
        assertThat(r.jumps()).isEmpty();
        Path ssh = home.resolve(".ssh");
        assertThat(r.destination().identities()).containsExactly(ssh.resolve("db_10.20.0.11_postgres"),
                ssh.resolve("shared_alice"), ssh.resolve("id_fallback"));
        assertThat(r.destination().explicitIdentities()).isEqualTo(r.destination().identities());
        assertThat(r.knownHosts()).containsExactly(ssh.resolve("known_hosts"), ssh.resolve("known_hosts_10.20.0.11"));
        assertThat(r.connectTimeout()).isNull();
        assertThat(r.serverAliveInterval()).isNull();
        assertThat(r.agentSocket()).isNull();
    }

    @Test
    void negatedPatternsAndAJumpHostWithItsOwnJumpHostMakeAChain() throws Exception {
        SshRoute r = resolve("db1.prod");

        assertThat(r.destination().target()).isEqualTo(new SshTarget("postgres", "10.20.0.11", 2201));
        assertThat(targets(r.jumps())).containsExactly("everyone@192.0.2.7:2022", "jump@bastion.example.net:22");
        assertThat(r.toString()).isEqualTo("everyone@192.0.2.7:2022 → jump@bastion.example.net:22 → postgres@10.20.0.11:2201");
    }

    @Test
    void aCommaListJumpsInOrderAndOnlyTheFirstHopFollowsItsOwnProxyJump() throws Exception {
        SshRoute r = resolve("web1");

        assertThat(r.destination().target()).isEqualTo(new SshTarget("everyone", "web1.internal.example.net", 22));
        assertThat(targets(r.jumps())).containsExactly("jump@192.0.2.7:2222", "jump@bastion.example.net:22");
        assertThat(r.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(r.serverAliveInterval()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void batchModeMeansNobodyIsAsked() throws Exception {
        ScriptedPrompter person = new ScriptedPrompter();
        SshRoute gate = SshRoute.resolve("gate", config, new SshRoute.Overrides(null, null), local, person);
        SshRoute web = SshRoute.resolve("web1", config, new SshRoute.Overrides(null, null), local, person);

        assertThat(gate.prompter()).isSameAs(Prompter.NONE);
        assertThat(gate.askUnknownHostKeys()).isFalse();
        assertThat(web.prompter()).isSameAs(person);
        assertThat(web.askUnknownHostKeys()).isTrue();
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() throws Exception {
        SshRoute r = resolve("web10");

        assertThat(r.destination().target()).isEqualTo(new SshTarget("everyone", "web10", 22));
        assertThat(r.jumps()).isEmpty();
    }

    @Test
    void anIncludedFileIsReadWhereTheIncludeStandsAndOnlyFilesMatchingTheGlob() throws Exception {
        SshRoute r = resolve("db2");

        assertThat(r.destination().target()).isEqualTo(new SshTarget("team", "10.20.0.12", 22));
    }

    @Test
    void theCommandLineUserAndPortWinOverTheConfig() throws Exception {
        Path key = home.resolve("cli_key");
        SshRoute r = SshRoute.resolve("root@DB1:2200", config, new SshRoute.Overrides(key, home.resolve("kh")), local,
                Prompter.NONE);

        assertThat(r.destination().target()).isEqualTo(new SshTarget("root", "10.20.0.11", 2200));
        assertThat(r.destination().identities().getFirst()).isEqualTo(key);
        assertThat(r.knownHosts()).containsExactly(home.resolve("kh"));
    }

    @Test
    void matchSectionsAreSkippedAndSaidSo() throws Exception {
        assertThat(config.notes()).containsExactly(CONFIG + " line 31: Match sections are not evaluated by Faultline; "
                + "the lines under 'Match host legacy' are skipped");
        assertThat(resolve("legacy").destination().target().user()).isEqualTo("everyone");
    }

    @Test
    void withoutAConfigOpenSshDefaultsApply() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Path global = Files.writeString(home.resolve("ssh_known_hosts"), "");
        SshRoute.Local withGlobal = new SshRoute.Local(home, "alice", home.resolve("agent.sock").toString(), global);
        SshRoute r = SshRoute.resolve("box.example.org", SshConfig.empty(), new SshRoute.Overrides(null, null), withGlobal,
                Prompter.NONE);

        assertThat(r.destination().target()).isEqualTo(new SshTarget("alice", "box.example.org", 22));
        Path ssh = home.resolve(".ssh");
        assertThat(r.destination().identities()).containsExactly(ssh.resolve("id_rsa"), ssh.resolve("id_ecdsa"),
                ssh.resolve("id_ed25519"));
        assertThat(r.destination().explicitIdentities()).isEmpty();
        assertThat(r.knownHosts()).containsExactly(ssh.resolve("known_hosts"), global);
        assertThat(r.agentSocket()).isEqualTo(home.resolve("agent.sock"));
        assertThat(r.askUnknownHostKeys()).isFalse();
    }

    @Test
    void aProxyJumpLoopIsStoppedWithWhereItStarts() {
        assertThatThrownBy(() -> resolve("loop1")).isInstanceOf(CollectException.class)
                .hasMessageContaining(CONFIG + " line 35: the ProxyJump chain is longer than 10 hosts (does it loop back to loop1?)");
    }

    @Test
    void proxyCommandIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> resolve("oldbox")).isInstanceOf(CollectException.class)
                .hasMessage(CONFIG + " line 40: ProxyCommand 'ssh -W %h:%p gate' is not supported by Faultline; reach oldbox "
                        + "with ProxyJump instead");
    }

    @Test
    void badValuesNameTheFileAndLine() throws Exception {
        Path f = Files.writeString(home.resolve("bad"), "Host a\n  Port 70000\nHost b\n  IdentityFile ~/.ssh/%C\n"
                + "Host c\n  HostName\n");
        assertThatThrownBy(() -> SshConfig.read(f, home)).hasMessage(f + " line 6: HostName has no value");
        Path g = Files.writeString(home.resolve("bad2"), "Host a\n  Port 70000\nHost b\n  IdentityFile ~/.ssh/%C\n");
        SshConfig bad = SshConfig.read(g, home);
        assertThatThrownBy(() -> SshRoute.resolve("a", bad, new SshRoute.Overrides(null, null), local, Prompter.NONE))
                .hasMessage(g + " line 2: Port '70000' is not a whole number from 1 to 65535");
        assertThatThrownBy(() -> SshRoute.resolve("b", bad, new SshRoute.Overrides(null, null), local, Prompter.NONE))
                .hasMessageStartingWith(g + " line 4: '~/.ssh/%C' has the token %C, which Faultline does not expand");
        assertThatThrownBy(() -> SshRoute.resolve("a b", bad, new SshRoute.Overrides(null, null), local, Prompter.NONE))
                .hasMessageStartingWith("--host 'a b' is not [USER@]HOST[:PORT]");
    }

    @Test
    void ipv6InBracketsAndSshUrisAreTakenAndADashHostIsRefused() throws Exception {
        assertThat(resolve("ops@[2001:db8::1]:2200").destination().target()).isEqualTo(new SshTarget("ops", "2001:db8::1", 2200));
        assertThat(resolve("ssh://ops@db1:2222").destination().target()).isEqualTo(new SshTarget("ops", "10.20.0.11", 2222));
        assertThatThrownBy(() -> resolve("a@-oProxyCommand=x")).isInstanceOf(CollectException.class)
                .hasMessageContaining("host '-oproxycommand=x' is not a valid host name or address");
    }

    @Test
    void globsMatchLikeOpenSsh() {
        assertThat(SshConfig.glob("*.prod", "db1.PROD")).isTrue();
        assertThat(SshConfig.glob("db?", "db12")).isFalse();
        assertThat(SshConfig.glob("*", "")).isTrue();
        assertThat(SshConfig.applies(List.of("*.prod", "!bastion.prod"), "bastion.prod")).isFalse();
        assertThat(SshConfig.applies(List.of("!bastion.prod"), "web.prod")).isFalse();
        assertThat(SshConfig.applies(List.of("a", "*.prod"), "x.prod")).isTrue();
    }
}
