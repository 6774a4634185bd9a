#!/usr/bin/env bash
# Faultline end-to-end testbed: a real journald, sshd, dockerd, sadc and an incident scenario
# on this machine. Must run as root. State (keys, sshd config, daemon logs) under
# /var/lib/faultline-testbed.
#   up      (default) start whatever is not running, installing missing Debian packages; idempotent.
#           Ends by writing /var/lib/faultline-testbed/testbed.env and printing how to connect.
#   status  check every component for real; exits 1 naming what is down.
#   down    remove the containers and stop the daemons (packages, image and keys stay).
#   env     print testbed.env.
set -euo pipefail

STATE=/var/lib/faultline-testbed
RUN_DIR="$STATE/run"
LOG_DIR="$STATE/log"
KEY_DIR="$STATE/keys"
SSHD_DIR="$STATE/sshd"
ENV_FILE="$STATE/testbed.env"

SSH_HOST=127.0.0.1
SSH_PORT=2222
SSH_USER=faultline
CLIENT_KEY="$KEY_DIR/id_ed25519"
WRONG_KEY="$KEY_DIR/wrong_ed25519"
KNOWN_HOSTS="$STATE/known_hosts"
HOST_KEY="$SSHD_DIR/ssh_host_ed25519_key"
SSHD_CONFIG="$SSHD_DIR/sshd_config"
SSHD_PID="$RUN_DIR/sshd.pid"
JOURNALD_PID="$RUN_DIR/journald.pid"
SADC_PID="$RUN_DIR/sadc.pid"
DOCKER_PID=/var/run/docker.pid
SA_DIR=/var/log/sysstat

IMAGE=faultline/busybox:testbed
HEALTH_CONTAINER=fl-health
CRASH_CONTAINER=fl-crashloop
CRASH_VOLUME=fl-crashloop-data
# Bumped whenever a scenario container's definition changes: a container with another revision is recreated.
SCENARIO_REV=2

# the components, then the peers the tests compare with or drive: chromium (exported HTML), jq, lnav (benchmarks)
PACKAGES=(openssh-server openssh-client docker.io sysstat systemd systemd-journal-remote busybox-static procps
  chromium fonts-dejavu-core jq lnav)

log() { printf 'testbed: %s\n' "$*" >&2; }
die() { printf 'testbed: ERROR: %s\n' "$*" >&2; exit 1; }

require_root() {
  [[ $(id -u) -eq 0 ]] || die "must run as root (uid 0), running as uid $(id -u)"
}

# ---------------------------------------------------------------- processes

# Alive means: the pid exists, is not a zombie or dead, and runs the expected command.
pid_alive() {
  local pid=$1 comm=$2 stat state
  [[ -n $pid && -r /proc/$pid/stat ]] || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  state=${stat##*) }
  state=${state%% *}
  [[ $state != Z && $state != X && $state != x ]] || return 1
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$comm" ]]
}

pidfile_alive() {
  local file=$1 comm=$2
  [[ -r $file ]] || return 1
  pid_alive "$(tr -dc '0-9' <"$file")" "$comm"
}

stop_pidfile() {
  local file=$1 comm=$2 pid i
  [[ -r $file ]] || return 0
  pid=$(tr -dc '0-9' <"$file")
  if pid_alive "$pid" "$comm"; then
    log "stopping $comm (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do
      pid_alive "$pid" "$comm" || break
      sleep 0.1
    done
    if pid_alive "$pid" "$comm"; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$file"
}

wait_for() {
  local what=$1 tries=$2; shift 2
  local i
  for i in $(seq 1 "$tries"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  die "$what did not come up (waited $((tries / 5))s; command: $*)"
}

# ---------------------------------------------------------------- packages

ensure_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if ((${#missing[@]})); then
    log "installing missing packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >"$LOG_DIR/apt.log" 2>&1 || { cat "$LOG_DIR/apt.log" >&2; die "apt-get update failed"; }
    apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$LOG_DIR/apt.log" 2>&1 \
      || { tail -n 40 "$LOG_DIR/apt.log" >&2; die "apt-get install ${missing[*]} failed"; }
  fi
}

ensure_dirs() {
  install -d -m 0755 "$STATE" "$RUN_DIR" "$LOG_DIR" "$SSHD_DIR"
  install -d -m 0700 "$KEY_DIR"
}

# ---------------------------------------------------------------- journald

journald_alive() { pidfile_alive "$JOURNALD_PID" systemd-journal; }

ensure_journald() {
  [[ -s /etc/machine-id ]] || systemd-machine-id-setup >/dev/null
  install -d -m 0755 /etc/systemd/journald.conf.d
  cat >/etc/systemd/journald.conf.d/faultline-testbed.conf <<'EOF'
[Journal]
Storage=volatile
RateLimitIntervalSec=0
RateLimitBurst=0
RuntimeMaxUse=512M
ForwardToSyslog=no
ForwardToWall=no
EOF
  install -d -m 2750 -o root -g systemd-journal /run/log/journal
  install -d -m 0755 /run/systemd/journal
  if ! journald_alive; then
    log "starting systemd-journald"
    rm -f "$JOURNALD_PID"
    setsid /lib/systemd/systemd-journald </dev/null >>"$LOG_DIR/journald.log" 2>&1 &
    echo $! >"$JOURNALD_PID"
    wait_for "systemd-journald socket" 50 test -S /run/systemd/journal/socket
    wait_for "systemd-journald dev-log" 50 test -S /run/systemd/journal/dev-log
    sleep 0.3
    journald_alive || die "systemd-journald exited right after start; see $LOG_DIR/journald.log"
  fi
  if [[ $(readlink /dev/log 2>/dev/null) != /run/systemd/journal/dev-log ]]; then
    rm -f /dev/log
    ln -s /run/systemd/journal/dev-log /dev/log
  fi
  chgrp -R systemd-journal /run/log/journal
  chmod -R g+rX,o-rwx /run/log/journal
  find /run/log/journal -type d -exec chmod g+s {} +
}

# ---------------------------------------------------------------- user and keys

ensure_user() {
  if ! id "$SSH_USER" >/dev/null 2>&1; then
    log "creating user $SSH_USER"
    useradd --create-home --shell /bin/bash --groups docker,systemd-journal "$SSH_USER"
  fi
  usermod -a -G docker,systemd-journal "$SSH_USER"
  # '*' = no password but not locked: public key login only.
  [[ $(getent shadow "$SSH_USER" | cut -d: -f2) == '*' ]] || usermod -p '*' "$SSH_USER"
  [[ -s $CLIENT_KEY ]] || ssh-keygen -q -t ed25519 -N '' -C "faultline-testbed" -f "$CLIENT_KEY"
  [[ -s $WRONG_KEY ]] || ssh-keygen -q -t ed25519 -N '' -C "faultline-testbed-unauthorized" -f "$WRONG_KEY"
  local home
  home=$(getent passwd "$SSH_USER" | cut -d: -f6)
  install -d -m 0700 -o "$SSH_USER" -g "$SSH_USER" "$home/.ssh"
  if ! cmp -s "$CLIENT_KEY.pub" "$home/.ssh/authorized_keys"; then
    install -m 0600 -o "$SSH_USER" -g "$SSH_USER" "$CLIENT_KEY.pub" "$home/.ssh/authorized_keys"
  fi
}

# ---------------------------------------------------------------- sshd

sshd_alive() { pidfile_alive "$SSHD_PID" sshd; }

ssh_opts() {
  printf '%s\n' -i "$CLIENT_KEY" -p "$SSH_PORT" \
    -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes \
    -o UserKnownHostsFile="$KNOWN_HOSTS" -o GlobalKnownHostsFile=/dev/null \
    -o ConnectTimeout=5 -o LogLevel=ERROR
}

ssh_user() {
  local opts
  mapfile -t opts < <(ssh_opts)
  # shellcheck disable=SC2029 # the arguments are a remote command line on purpose
  ssh "${opts[@]}" "$SSH_USER@$SSH_HOST" "$@" </dev/null
}

ensure_sshd() {
  [[ -s $HOST_KEY ]] || ssh-keygen -q -t ed25519 -N '' -C "faultline-testbed-host" -f "$HOST_KEY"
  local config
  config=$(cat <<EOF
# Faultline testbed sshd: loopback only, key login only, logs to the journal via /dev/log.
Port $SSH_PORT
ListenAddress $SSH_HOST
HostKey $HOST_KEY
PidFile $SSHD_PID
SyslogFacility AUTH
LogLevel VERBOSE
PermitRootLogin no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes yes
AuthorizedKeysFile .ssh/authorized_keys
MaxAuthTries 6
MaxSessions 20
MaxStartups 50:30:100
PrintMotd no
AcceptEnv LANG LC_*
Subsystem sftp /usr/lib/openssh/sftp-server
EOF
)
  local changed=0
  if [[ ! -f $SSHD_CONFIG ]] || [[ $(cat "$SSHD_CONFIG") != "$config" ]]; then
    printf '%s\n' "$config" >"$SSHD_CONFIG"
    changed=1
  fi
  printf '[%s]:%s %s\n' "$SSH_HOST" "$SSH_PORT" "$(cut -d' ' -f1,2 "$HOST_KEY.pub")" >"$KNOWN_HOSTS.tmp"
  mv "$KNOWN_HOSTS.tmp" "$KNOWN_HOSTS"
  chmod 0644 "$KNOWN_HOSTS"
  install -d -m 0755 /run/sshd
  if sshd_alive && ((changed)); then
    stop_pidfile "$SSHD_PID" sshd
  fi
  if ! sshd_alive; then
    log "starting sshd on $SSH_HOST:$SSH_PORT"
    /usr/sbin/sshd -t -f "$SSHD_CONFIG" 2>"$LOG_DIR/sshd.log" || { cat "$LOG_DIR/sshd.log" >&2; die "sshd config test failed"; }
    /usr/sbin/sshd -f "$SSHD_CONFIG" </dev/null >>"$LOG_DIR/sshd.log" 2>&1 \
      || { cat "$LOG_DIR/sshd.log" >&2; die "sshd failed to start"; }
    wait_for "sshd pid file" 50 test -s "$SSHD_PID"
  fi
  wait_for "ssh login as $SSH_USER" 50 ssh_user true
}

# ---------------------------------------------------------------- dockerd

DOCKERD_ARGS=(--storage-driver=vfs --iptables=false --bridge=none --log-driver=journald --pidfile="$DOCKER_PID")

# Ours, not one started with default options (e.g. by docker.io's postinst), and answering.
dockerd_alive() {
  pidfile_alive "$DOCKER_PID" dockerd || return 1
  local cmdline
  cmdline=$(tr '\0' ' ' <"/proc/$(tr -dc '0-9' <"$DOCKER_PID")/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"--storage-driver=vfs "*"--log-driver=journald "* ]] || return 1
  docker version >/dev/null 2>&1
}

ensure_dockerd() {
  if ! dockerd_alive; then
    stop_pidfile "$DOCKER_PID" dockerd
    log "starting dockerd (vfs, no iptables, no bridge, journald log driver)"
    # dockerd's own output goes to the journal (tag dockerd) and to a log file; tee -p survives
    # a journald restart so that the daemon does not die of SIGPIPE.
    # shellcheck disable=SC2016 # expanded by the inner bash
    setsid bash -c 'dockerd "$@" 2>&1 | tee -p -a "$0" | systemd-cat -t dockerd' "$LOG_DIR/dockerd.log" "${DOCKERD_ARGS[@]}" \
      </dev/null >/dev/null 2>&1 &
    wait_for "dockerd (see $LOG_DIR/dockerd.log)" 300 docker version
    wait_for "dockerd pid file" 50 pidfile_alive "$DOCKER_PID" dockerd
  fi
}

ensure_image() {
  docker image inspect "$IMAGE" >/dev/null 2>&1 && return 0
  log "building $IMAGE by docker import of a rootfs with Debian's static busybox"
  local rootfs applet
  rootfs=$(mktemp -d)
  install -d "$rootfs/bin" "$rootfs/etc" "$rootfs/data" "$rootfs/proc" "$rootfs/sys" "$rootfs/dev"
  install -d -m 1777 "$rootfs/tmp"
  install -m 0755 /bin/busybox "$rootfs/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [[ $applet == busybox ]] || ln -s busybox "$rootfs/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"
  echo 'root:x:0:' >"$rootfs/etc/group"
  tar -C "$rootfs" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$IMAGE" >/dev/null
  rm -rf "$rootfs"
}

# The health probe: 30% of runs outlast the 1s timeout, 30% fail with exit 1, the rest succeed
# after a random pause; three failures in a row flip the container to unhealthy, which happens every
# minute or so (dockerd keeps only its last 256 events, about two minutes of this scenario).
# shellcheck disable=SC2016 # expanded by the container's shell
HEALTH_PROBE='r=$((RANDOM % 10)); if [ $r -lt 3 ]; then sleep 2; fi; usleep $((RANDOM * 20)); if [ $r -ge 7 ]; then echo "probe failed (r=$r)"; exit 1; fi; echo "probe ok (r=$r)"'

create_health() {
  docker run -d --name "$HEALTH_CONTAINER" --label "faultline.testbed=$SCENARIO_REV" --network none --restart=unless-stopped \
    --health-cmd "$HEALTH_PROBE" --health-interval 2s --health-timeout 1s --health-retries 3 \
    --health-start-period 0s \
    "$IMAGE" sh -c 'echo "fl-health serving"; while true; do sleep 3600; done' >/dev/null
}

# Each start writes 16 MB to a volume (fsync'd, so sadc sees the disk IO), waits 12s and exits 3;
# restart=always starts it again (runs over 10s keep docker's restart back-off at 100ms). Its
# healthcheck looks for the blob every 3s, so each life holds a few runs (the first ones fail while dd writes).
create_crashloop() {
  docker run -d --name "$CRASH_CONTAINER" --label "faultline.testbed=$SCENARIO_REV" --network none --restart=always \
    --health-cmd 'test -s /data/blob && echo "blob present"' --health-interval 3s --health-timeout 2s \
    --health-retries 2 --health-start-period 0s \
    -v "$CRASH_VOLUME:/data" \
    "$IMAGE" sh -c 'echo "fl-crashloop start at $(date -u +%FT%TZ)"; dd if=/dev/zero of=/data/blob bs=1M count=16 conv=fsync; sleep 12; echo "fl-crashloop: fatal: giving up" >&2; exit 3' >/dev/null
}

# The incident has happened once both containers hold healthcheck runs and the crash loop has restarted.
scenario_ripe() {
  [[ $(docker inspect -f '{{.RestartCount}}' "$CRASH_CONTAINER") -gt 0 ]] &&
    [[ $(docker inspect -f '{{len .State.Health.Log}}' "$CRASH_CONTAINER") -gt 0 ]] &&
    [[ $(docker inspect -f '{{len .State.Health.Log}}' "$HEALTH_CONTAINER") -gt 0 ]]
}

ensure_container() {
  local name=$1 create=$2 status
  status=$(docker inspect -f '{{.State.Status}}' "$name" 2>/dev/null) || status=missing
  if [[ $status != missing && $(docker inspect -f '{{index .Config.Labels "faultline.testbed"}}' "$name") != "$SCENARIO_REV" ]]; then
    log "container $name is of an older scenario revision: recreating it"
    status=outdated
  fi
  case $status in
    running | restarting) return 0 ;;
    exited | created)
      log "starting container $name (was $status)"
      docker start "$name" >/dev/null 2>&1 && return 0
      docker rm -f "$name" >/dev/null
      ;;
    missing) ;;
    *) docker rm -f "$name" >/dev/null ;;
  esac
  log "creating container $name"
  "$create"
}

# ---------------------------------------------------------------- sadc

sa_file() { echo "$SA_DIR/sa$(date +%d)"; }

sadc_alive() { pidfile_alive "$SADC_PID" sadc; }

ensure_sadc() {
  install -d -m 0755 "$SA_DIR"
  if ! sadc_alive; then
    local f
    f=$(sa_file)
    # sadc appends to an existing file with that file's set of activities: set aside one without disk data.
    if [[ -s $f ]] && ! sadf -j "$f" -- -d 2>/dev/null | grep -c '"disk-device"' >/dev/null; then
      log "moving $f (no disk statistics in it) to $LOG_DIR"
      mv "$f" "$LOG_DIR/$(basename "$f").without-disk.$(date +%s)"
    fi
    log "starting sadc (1s interval, with disk statistics) into $SA_DIR"
    rm -f "$SADC_PID"
    setsid /usr/lib/sysstat/sadc -S DISK 1 "$SA_DIR" </dev/null >>"$LOG_DIR/sadc.log" 2>&1 &
    echo $! >"$SADC_PID"
    wait_for "sadc file $(sa_file)" 50 test -s "$(sa_file)"
    sadc_alive || die "sadc exited right after start; see $LOG_DIR/sadc.log"
  fi
  chmod 0644 "$SA_DIR"/sa[0-9]* 2>/dev/null || true
}

# sadc appends a record every second, so a file written to within the last 3 seconds is growing.
sa_growing() {
  local f
  f=$(sa_file)
  [[ -s $f ]] || return 1
  (($(date +%s) - $(stat -c %Y "$f") <= 3))
}

# ---------------------------------------------------------------- failed logins

failed_logins_in_journal() {
  journalctl -q -o cat --since -1h -t sshd -t sshd-session 2>/dev/null | grep -c -E 'Invalid user|Failed publickey' || true
}

ensure_failed_logins() {
  local n i
  n=$(failed_logins_in_journal)
  ((n >= 6)) && return 0
  log "producing failed SSH logins (unknown user, unauthorized key)"
  for i in 1 2 3; do
    ssh -i "$CLIENT_KEY" -p "$SSH_PORT" -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes \
      -o UserKnownHostsFile="$KNOWN_HOSTS" -o LogLevel=QUIET "intruder$i@$SSH_HOST" true </dev/null && die "login as intruder$i succeeded"
    ssh -i "$WRONG_KEY" -p "$SSH_PORT" -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes \
      -o UserKnownHostsFile="$KNOWN_HOSTS" -o LogLevel=QUIET "$SSH_USER@$SSH_HOST" true </dev/null && die "login with the unauthorized key succeeded"
  done
  return 0
}

# ---------------------------------------------------------------- env file

write_env() {
  cat >"$ENV_FILE.tmp" <<EOF
FAULTLINE_SSH_HOST=$SSH_HOST
FAULTLINE_SSH_PORT=$SSH_PORT
FAULTLINE_SSH_USER=$SSH_USER
FAULTLINE_SSH_KEY=$CLIENT_KEY
FAULTLINE_KNOWN_HOSTS=$KNOWN_HOSTS
FAULTLINE_HEALTH_CONTAINER=$HEALTH_CONTAINER
FAULTLINE_CRASH_CONTAINER=$CRASH_CONTAINER
EOF
  chmod 0644 "$ENV_FILE.tmp"
  mv "$ENV_FILE.tmp" "$ENV_FILE"
}

connect_help() {
  cat <<EOF
Faultline testbed is up. Connect with:
  ssh -i $CLIENT_KEY -p $SSH_PORT -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$KNOWN_HOSTS $SSH_USER@$SSH_HOST
Environment for tests: $ENV_FILE
EOF
  cat "$ENV_FILE"
}

# ---------------------------------------------------------------- verbs

cmd_up() {
  require_root
  ensure_dirs
  ensure_packages
  ensure_journald
  ensure_user
  ensure_sshd
  write_env
  ensure_dockerd
  ensure_image
  ensure_container "$HEALTH_CONTAINER" create_health
  ensure_container "$CRASH_CONTAINER" create_crashloop
  ensure_sadc
  ensure_failed_logins
  wait_for "the scenario (healthcheck runs in both containers, a restart of $CRASH_CONTAINER)" 600 scenario_ripe
  write_env
  connect_help
}

cmd_down() {
  require_root
  rm -f "$ENV_FILE"
  if dockerd_alive; then
    log "removing containers $HEALTH_CONTAINER $CRASH_CONTAINER"
    docker rm -f "$HEALTH_CONTAINER" "$CRASH_CONTAINER" >/dev/null 2>&1 || true
  fi
  stop_pidfile "$DOCKER_PID" dockerd
  stop_pidfile "$SADC_PID" sadc
  stop_pidfile "$SSHD_PID" sshd
  stop_pidfile "$JOURNALD_PID" systemd-journal
  log "testbed is down"
}

cmd_status() {
  require_root
  local down=()
  if journald_alive && runuser -u "$SSH_USER" -- journalctl -n1 -q -o json 2>/dev/null | grep -c __REALTIME_TIMESTAMP >/dev/null; then
    echo "journald: up"
  else
    echo "journald: DOWN"; down+=(journald)
  fi
  if [[ -r $CLIENT_KEY && -r $KNOWN_HOSTS ]] && ssh_user true 2>/dev/null; then
    echo "sshd: up"
  else
    echo "sshd: DOWN"; down+=(sshd)
  fi
  local names
  if dockerd_alive; then
    echo "dockerd: up"
    names=$(runuser -u "$SSH_USER" -- docker ps --all --filter status=running --filter status=restarting --format '{{.Names}}' 2>/dev/null || true)
    local c
    for c in "$HEALTH_CONTAINER" "$CRASH_CONTAINER"; do
      if grep -qx "$c" <<<"$names"; then
        echo "container $c: up"
      else
        echo "container $c: DOWN"; down+=("$c")
      fi
    done
  else
    echo "dockerd: DOWN"; down+=(dockerd "$HEALTH_CONTAINER" "$CRASH_CONTAINER")
  fi
  if sadc_alive && sa_growing; then
    echo "sadc: up ($(sa_file) growing)"
  else
    echo "sadc: DOWN ($(sa_file) not growing)"; down+=(sadc)
  fi
  if ((${#down[@]})); then
    echo "testbed: down: ${down[*]}" >&2
    return 1
  fi
  echo "testbed: all up"
}

cmd_env() {
  [[ -r $ENV_FILE ]] || die "$ENV_FILE missing; run: $0 up"
  cat "$ENV_FILE"
}

case "${1:-up}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *) die "unknown verb '$1' (use: up, down, status, env)" ;;
esac
