#!/usr/bin/env bash
# Installs what the tool-backed tests drive, one tool at a time, and fails naming the first one that
# cannot be had: HAProxy (in front of several instances), PgBouncer (transaction mode), kubectl
# (`kubectl kustomize`), the PostgreSQL client programs, and Node.js 20+ with npm (Prisma Client
# parity, the Prisma schema engine, the TypeScript client). A tool already there is left alone.
# Needs root (or sudo) and Debian's package archive. Under CI=true a test whose tool is missing fails.
set -euo pipefail
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
updated=""

# install_tool PROGRAM PACKAGE: PROGRAM on the PATH (or in an sbin folder) afterwards, or exit 1
install_tool() {
  local program=$1 package=$2
  if PATH="$PATH:/usr/sbin:/sbin:/usr/local/sbin" command -v "$program" >/dev/null 2>&1; then
    return 0
  fi
  if [ -z "$updated" ]; then
    $sudo apt-get update -qq
    updated=yes
  fi
  echo "installing $package (for $program)"
  if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null; then
    echo "error: could not install $package (for $program)" >&2
    exit 1
  fi
  PATH="$PATH:/usr/sbin:/sbin:/usr/local/sbin" command -v "$program" >/dev/null 2>&1 || { echo "error: $package installed no $program" >&2; exit 1; }
}

install_tool haproxy haproxy
install_tool pgbouncer pgbouncer
install_tool kubectl kubectl
install_tool psql postgresql-client
install_tool pg_dump postgresql-client
install_tool node nodejs
install_tool npm npm
install_tool chromium chromium

node_major=$(node --version | sed -E 's/^v([0-9]+).*/\1/')
if [ "$node_major" -lt 20 ]; then
  echo "error: Node.js $(node --version) is too old; the Prisma peers need Node.js 20 or later" >&2
  exit 1
fi
npm --version >/dev/null
echo "tools: haproxy, pgbouncer, kubectl, psql, pg_dump, node $(node --version), npm $(npm --version)"
