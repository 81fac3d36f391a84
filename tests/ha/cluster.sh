#!/usr/bin/env bash
# A real PostgreSQL high-availability cluster on this machine (issue 31): one etcd and three
# PostgreSQL 15 members under Patroni, synchronous mode on, on local ports. Used by the
# failover test (tests/api/ha.rs) and by hand.
#
#   bash tests/ha/cluster.sh start          # install what is missing, start, wait for leader + sync standby
#   bash tests/ha/cluster.sh url            # the multi-host URL of the cluster (read-write)
#   bash tests/ha/cluster.sh leader         # the member that leads now (pg1, pg2 or pg3)
#   bash tests/ha/cluster.sh kill-leader    # the machine lost: kill -9 its Patroni and its postmaster
#   bash tests/ha/cluster.sh start-member pgN   # bring a member back (it rejoins as a replica, pg_rewind)
#   bash tests/ha/cluster.sh wait-replicas N    # until N members stream from the leader
#   bash tests/ha/cluster.sh status | stop
#
# Knobs: HA_DIR (/var/tmp/doorstep-ha), HA_PORT (5441: members on 5441..5443, REST 8441..8443,
# etcd 2441/2442). Patroni and PostgreSQL run as the `postgres` user (PostgreSQL refuses root).
set -euo pipefail
HA_DIR=${HA_DIR:-/var/tmp/doorstep-ha}
HA_PORT=${HA_PORT:-5441}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
ETCD_CLIENT=$((HA_PORT - 3000))
ETCD_PEER=$((ETCD_CLIENT + 1))
MEMBERS=(pg1 pg2 pg3)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
port_of() { echo $((HA_PORT + ${1#pg} - 1)); }
rest_of() { echo $((HA_PORT + 3000 + ${1#pg} - 1)); }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

install() {
  local missing=()
  command -v patroni >/dev/null || missing+=(patroni)
  command -v etcd >/dev/null || missing+=(etcd-server)
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  fi
}

config() {
  local m=$1 port rest
  port=$(port_of "$m"); rest=$(rest_of "$m")
  cat <<EOF
scope: doorstep
name: $m
log:
  level: WARNING
restapi:
  listen: 127.0.0.1:$rest
  connect_address: 127.0.0.1:$rest
etcd3:
  host: 127.0.0.1:$ETCD_CLIENT
bootstrap:
  dcs:
    ttl: 10
    loop_wait: 2
    retry_timeout: 5
    maximum_lag_on_failover: 1048576
    synchronous_mode: true
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        synchronous_commit: "on"
        wal_log_hints: "on"
        max_connections: 100
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 256MB
  initdb:
    - encoding: UTF8
    - locale: C
postgresql:
  listen: 127.0.0.1:$port
  connect_address: 127.0.0.1:$port
  data_dir: $HA_DIR/$m/data
  bin_dir: $PG_BIN
  pgpass: $HA_DIR/$m/pgpass
  authentication:
    superuser: {username: postgres, password: postgres}
    replication: {username: replicator, password: replicator}
    rewind: {username: postgres, password: postgres}
  parameters:
    unix_socket_directories: $HA_DIR/$m
    shared_buffers: 64MB
    fsync: "on"
  pg_hba:
    - local all all trust
    - host all all 127.0.0.1/32 trust
    - host replication replicator 127.0.0.1/32 trust
    - host replication postgres 127.0.0.1/32 trust
EOF
}

start_member() {
  local m=$1
  alive "$HA_DIR/$m/patroni.pid" && return 0
  mkdir -p "$HA_DIR/$m"
  config "$m" > "$HA_DIR/$m/patroni.yml"
  chown -R postgres: "$HA_DIR/$m" 2>/dev/null || true
  as_pg bash -c "nohup patroni '$HA_DIR/$m/patroni.yml' >> '$HA_DIR/$m/patroni.log' 2>&1 & echo \$! > '$HA_DIR/$m/patroni.pid'"
}

role() { # the member's role as its REST API reports it, or "down"
  curl -s -m 1 "http://127.0.0.1:$(rest_of "$1")/patroni" | sed -n 's/.*"role": *"\([a-z_]*\)".*/\1/p' | grep . || echo down
}

leader() {
  local m
  for m in "${MEMBERS[@]}"; do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' -m 1 "http://127.0.0.1:$(rest_of "$m")/primary")" = 200 ]; then
      echo "$m"; return 0
    fi
  done
  return 1
}

streaming() { # replicas streaming from the leader (by the leader's pg_stat_replication)
  local l; l=$(leader) || { echo 0; return; }
  psql -h 127.0.0.1 -p "$(port_of "$l")" -U postgres -tAc \
    "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'" 2>/dev/null || echo 0
}

sync_standby() { # a member Patroni itself names synchronous standby (only it may be promoted)
  local m
  for m in "${MEMBERS[@]}"; do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' -m 1 "http://127.0.0.1:$(rest_of "$m")/sync")" = 200 ]; then
      return 0
    fi
  done
  return 1
}

wait_for() { # wait_for SECONDS WHAT COMMAND...
  local limit=$1 what=$2; shift 2
  local t0=$SECONDS
  until "$@"; do
    if [ $((SECONDS - t0)) -ge "$limit" ]; then
      echo "cluster: no $what after ${limit}s" >&2
      tail -n 20 "$HA_DIR"/pg*/patroni.log >&2 || true
      exit 1
    fi
    sleep 0.5
  done
}

start() {
  install
  local t0; t0=$(date +%s.%N)
  mkdir -p "$HA_DIR"
  chown postgres: "$HA_DIR" 2>/dev/null || true
  if ! alive "$HA_DIR/etcd.pid"; then
    as_pg bash -c "nohup etcd --name ha --data-dir '$HA_DIR/etcd' \
      --listen-client-urls http://127.0.0.1:$ETCD_CLIENT --advertise-client-urls http://127.0.0.1:$ETCD_CLIENT \
      --listen-peer-urls http://127.0.0.1:$ETCD_PEER --initial-advertise-peer-urls http://127.0.0.1:$ETCD_PEER \
      --initial-cluster ha=http://127.0.0.1:$ETCD_PEER --log-level warn >> '$HA_DIR/etcd.log' 2>&1 & echo \$! > '$HA_DIR/etcd.pid'"
    wait_for 30 etcd curl -sf -m 1 "http://127.0.0.1:$ETCD_CLIENT/health" -o /dev/null
  fi
  start_member pg1
  wait_for 60 leader leader >/dev/null
  start_member pg2
  start_member pg3
  wait_for 90 "two streaming replicas" test_streaming 2
  wait_for 30 "synchronous standby" sync_standby
  echo "cluster: leader $(leader), 2 replicas, synchronous; started in $(echo "$(date +%s.%N) - $t0" | bc) s" >&2
}

test_streaming() { [ "$(streaming)" -ge "$1" ]; }

kill_member() { # the machine lost: Patroni and the postmaster at once, no clean shutdown
  local m=$1 pids=()
  [ -f "$HA_DIR/$m/patroni.pid" ] && pids+=("$(cat "$HA_DIR/$m/patroni.pid")")
  [ -f "$HA_DIR/$m/data/postmaster.pid" ] && pids+=("$(head -1 "$HA_DIR/$m/data/postmaster.pid")")
  kill -9 "${pids[@]}" 2>/dev/null || true
  # The postmaster's children die with it (their postmaster pipe closes); wait for the port.
  local port; port=$(port_of "$m")
  for _ in $(seq 1 40); do
    pg_isready -q -h 127.0.0.1 -p "$port" || break
    sleep 0.25
  done
  pkill -9 -f -- "-D $HA_DIR/$m/data" 2>/dev/null || true
  rm -f "$HA_DIR/$m/patroni.pid"
}

stop() {
  local m
  for m in "${MEMBERS[@]}"; do
    alive "$HA_DIR/$m/patroni.pid" && kill "$(cat "$HA_DIR/$m/patroni.pid")" 2>/dev/null || true
  done
  for m in "${MEMBERS[@]}"; do
    for _ in $(seq 1 40); do alive "$HA_DIR/$m/patroni.pid" || break; sleep 0.25; done
    kill_member "$m"
  done
  alive "$HA_DIR/etcd.pid" && kill "$(cat "$HA_DIR/etcd.pid")" 2>/dev/null || true
  rm -rf "$HA_DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "postgres://postgres@127.0.0.1:$(port_of pg1),127.0.0.1:$(port_of pg2),127.0.0.1:$(port_of pg3)/${2:-postgres}?target_session_attrs=read-write&connect_timeout=2" ;;
  leader) leader ;;
  kill-leader) l=$(leader); kill_member "$l"; echo "$l" ;;
  kill-member) kill_member "$2" ;;
  start-member) start_member "$2" ;;
  wait-leader) wait_for "${2:-60}" leader leader ;;
  wait-replicas) wait_for "${3:-120}" "$2 streaming replicas" test_streaming "$2"; wait_for 30 "synchronous standby" sync_standby ;;
  status) for m in "${MEMBERS[@]}"; do echo "$m $(port_of "$m") $(role "$m")"; done ;;
  *) echo "usage: $0 start|stop|url [db]|leader|kill-leader|kill-member pgN|start-member pgN|wait-leader [s]|wait-replicas N [s]|status" >&2; exit 2 ;;
esac
