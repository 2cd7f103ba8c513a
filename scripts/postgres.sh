#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the server's tests and benchmark, on loopback:
#   eval "$(bash scripts/postgres.sh start)"   # exports REGFORMS_TEST_DATABASE_URL and REGFORMS_PG_DIR
#   bash scripts/postgres.sh stop              # stops it and removes its folder
# Uses Debian's postgresql (PGBIN overrides /usr/lib/postgresql/<major>/bin). PostgreSQL refuses
# to run as root, so as root the cluster belongs to the postgres user.
set -euo pipefail

bin="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "No PostgreSQL found: install Debian's postgresql (apt-get install postgresql) or set PGBIN" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    dir="$(mktemp -d /tmp/regforms-pg.XXXXXX)"
    [ "$(id -u)" = "0" ] && chown postgres "$dir"
    port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >/dev/null
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
    echo "export REGFORMS_PG_DIR=$dir"
    echo "export REGFORMS_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir="${REGFORMS_PG_DIR:?start first: REGFORMS_PG_DIR is not set}"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: bash scripts/postgres.sh start|stop" >&2
    exit 2
    ;;
esac
