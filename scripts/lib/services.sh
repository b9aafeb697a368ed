# Shared by scripts/test and scripts/cluster-up: installs what is missing and runs PostgreSQL and Redis on
# private loopback ports inside a directory of our own. Source it; it defines functions only.

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}

# Runs a command as the unprivileged postgres user when we are root (the server refuses to run as root).
as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_redis() {
  command -v redis-server > /dev/null && return 0
  echo "redis-server is missing: installing it with apt-get" >&2
  if [ "$(id -u)" -ne 0 ]; then echo "need root to install redis-server" >&2; return 1; fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq > /dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server > /dev/null
}

# The browser test drives Debian's chromium through Debian's chromedriver: nothing is downloaded at run time.
ensure_chromium() {
  command -v chromium > /dev/null && command -v chromedriver > /dev/null && return 0
  echo "chromium or chromedriver is missing: installing them with apt-get" >&2
  if [ "$(id -u)" -ne 0 ]; then echo "need root to install chromium" >&2; return 1; fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq > /dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver > /dev/null
}

ensure_postgres() {
  [ -x "$PG_BIN/postgres" ] && return 0
  echo "PostgreSQL binaries are missing: installing postgresql with apt-get" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq > /dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql > /dev/null
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
}

# start_postgres DIR PORT: initialises DIR/pgdata once, starts the server on 127.0.0.1:PORT (fsync on),
# creates the database "quartermaster" and prints nothing; the connection string is pg_connection_string.
# PG_EXTRA_OPTIONS adds server settings (scripts/bench preloads pg_stat_statements with it).
start_postgres() {
  local dir=$1 port=$2
  ensure_postgres
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    # the postgres user must be able to reach its directory (mktemp -d makes 0700 parents)
    chmod a+x "$(dirname "$dir")"
    chown postgres "$dir"
    chmod 700 "$dir"
  fi
  if [ ! -f "$dir/pgdata/PG_VERSION" ]; then
    as_pg_user "$PG_BIN/initdb" -D "$dir/pgdata" -U quartermaster --auth=trust -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1
  fi
  as_pg_user "$PG_BIN/pg_ctl" -D "$dir/pgdata" -l "$dir/postgres.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=300 ${PG_EXTRA_OPTIONS:-}" start > /dev/null
  as_pg_user "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U quartermaster -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'quartermaster'" | grep -q 1 \
    || as_pg_user "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U quartermaster quartermaster
}

stop_postgres() {
  local dir=$1
  [ -f "$dir/pgdata/postmaster.pid" ] && as_pg_user "$PG_BIN/pg_ctl" -D "$dir/pgdata" -m fast -w stop > /dev/null 2>&1 || true
}

pg_connection_string() {
  echo "Host=127.0.0.1;Port=$1;Username=quartermaster;Database=quartermaster"
}

# start_redis DIR PORT: append-only file on, data in DIR, daemonised; pid in DIR/redis.pid.
start_redis() {
  local dir=$1 port=$2
  ensure_redis
  mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --appendonly yes --appendfsync everysec \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --save ""
  for _ in $(seq 1 50); do
    redis-cli -p "$port" ping 2> /dev/null | grep -q PONG && return 0
    sleep 0.1
  done
  echo "redis did not start; see $dir/redis.log" >&2
  return 1
}

stop_redis() {
  local dir=$1
  [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2> /dev/null || true
}

# free_port: a TCP port nobody listens on right now, below the kernel's ephemeral range (so an outgoing
# connection cannot take it between now and its use), and never the same twice in one shell.
free_port() {
  python3 - <<'PY'
import random, socket
low, high = 20000, 32000
try:
    low_ephemeral = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
    high = min(high, low_ephemeral - 1)
except OSError:
    pass
for _ in range(200):
    port = random.randint(low, high)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        s.close()
    print(port)
    break
PY
}
