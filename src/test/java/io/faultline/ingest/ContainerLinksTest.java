package io.faultline.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ContainerLinks#find}: the literal checks before the patterns change no answer. */
class ContainerLinksTest {
    private static final String ID = "044645e084fd60b2d84e21f7eab4628ae011608be66886f3ac1b9a1a71c12c75";

    @Test
    void findsRuncMountsEscapedOrNotWholeOrCut() {
        assertThat(ContainerLinks.find("run-docker-runtime\\x2drunc-moby-" + ID + "-runc.9fKd2a.mount: Deactivated successfully."))
                .isEqualTo(ID);
        assertThat(ContainerLinks.find("run-docker-runtime-runc-moby-" + ID.substring(0, 20))).isEqualTo(ID.substring(0, 20));
        assertThat(ContainerLinks.find("runc-moby-" + ID + " without the mount prefix")).isNull();
        assertThat(ContainerLinks.find("run-docker-runtime\\x2drunc-moby-" + ID.substring(0, 11) + " too short")).isNull();
    }

    @Test
    void findsDockerdKeyValues() {
        assertThat(ContainerLinks.find("level=info msg=\"ignoring event\" container=" + ID + " module=libcontainerd")).isEqualTo(ID);
        assertThat(ContainerLinks.find("msg=\"health check\" containerID=\"" + ID.substring(0, 12) + "\"")).isEqualTo(ID.substring(0, 12));
        assertThat(ContainerLinks.find("container_id=" + ID + ", containerId=x")).isEqualTo(ID);
        assertThat(ContainerLinks.find("mycontainer=" + ID)).isNull();
        assertThat(ContainerLinks.find("Container=" + ID)).isNull();
        assertThat(ContainerLinks.find("the container stopped")).isNull();
    }

    @Test
    void aMountBeforeAKeyValueWins() {
        String other = "7d2e9c41b0a35f6e88c1d4a7f0b92e63c5d18a4f7e2b60c9d3a1f85e4b7c2d09";
        assertThat(ContainerLinks.find("container=" + other + " run-docker-runtime-runc-moby-" + ID)).isEqualTo(ID);
        assertThat(ContainerLinks.find("container=" + other + " runc-moby-" + ID)).isEqualTo(other);
    }

    @Test
    void nothingInEmptyOrPlainText() {
        assertThat(ContainerLinks.find(null)).isNull();
        assertThat(ContainerLinks.find("")).isNull();
        assertThat(ContainerLinks.find("Failed password for root from 203.0.113.7 port 52144 ssh2")).isNull();
    }
}
