# Shared by scripts/cluster-up and scripts/chaos: starts one silo or one API frontend of the local cluster in
# QM_CLUSTER_DIR with the shipped configuration, so a process restarted after a fault runs exactly as
# cluster-up started it. Source it after services.sh and after sourcing DIR/cluster.env; it defines functions only.

silo_dll=$(pwd)/src/Silo/bin/Release/net10.0/Quartermaster.Silo.dll
api_dll=$(pwd)/src/ApiFrontend/bin/Release/net10.0/Quartermaster.ApiFrontend.dll

# cluster_environment DIR: the connection strings and cluster identity every process of the cluster reads.
cluster_environment() {
  export ConnectionStrings__Postgres="$(pg_connection_string "$PG_PORT")"
  export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
  export Orleans__ClusterId=local Orleans__ServiceId=quartermaster DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production
}

# Each process runs in its own build folder, as in the image (WORKDIR) and the cluster tests: ASP.NET Core
# reads appsettings.json from the working directory, and that file carries the shipped failure-detection and
# client timeouts (docs/operations.md, "Failure detection"). From the repository root they would be missing.
start_process() { # DIR role name dll
  local dir=$1 role=$2 name=$3 dll=$4
  (cd "$(dirname "$dll")" && exec dotnet "$(basename "$dll")") >> "$dir/logs/$name.log" 2>&1 &
  echo "$role $! $name" > "$dir/pids/$name"
}

# start_silo DIR N: silo N on 127.0.0.1, silo port BASE_PORT+N, gateway BASE_PORT+100+N, health BASE_PORT+300+N.
start_silo() {
  local dir=$1 n=$2
  Orleans__SiloPort=$((BASE_PORT + n)) Orleans__GatewayPort=$((BASE_PORT + 100 + n)) ASPNETCORE_URLS="http://127.0.0.1:$((BASE_PORT + 300 + n))" \
    Webhooks__SecretKey="$WEBHOOK_SECRET_KEY" start_process "$dir" silo "silo$n" "$silo_dll"
}

# start_frontend DIR N: API frontend N on http://127.0.0.1:BASE_PORT+200+N.
start_frontend() {
  local dir=$1 n=$2
  Quartermaster__Hosting=Client QUARTERMASTER_ADMIN_KEY="$ADMIN_KEY" ASPNETCORE_URLS="http://127.0.0.1:$((BASE_PORT + 200 + n))" \
    start_process "$dir" frontend "frontend$n" "$api_dll"
}

# wait_until_ready DIR NAME URL: waits up to 2 minutes for process NAME (its pid in DIR/pids/NAME) to answer URL/readyz;
# exits the script, naming the process's log, when it does not or when the process has exited (no use waiting then).
wait_until_ready() {
  local dir=$1 name=$2 url=$3 pid
  read -r _ pid _ < "$dir/pids/$name"
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2> /dev/null || break
    curl -sf --max-time 2 "$url/readyz" > /dev/null && return 0
    sleep 0.5
  done
  if ! kill -0 "$pid" 2> /dev/null || ! curl -sf --max-time 2 "$url/readyz" > /dev/null; then
    echo "$name did not become ready; see $dir/logs/$name.log" >&2
    exit 1
  fi
}
