#!/usr/bin/env bash
# Installs the Debian packages that the operations tests drive (tag "ops"): HAProxy in front of
# several instances, PgBouncer in transaction mode, kubectl for `kubectl kustomize`. Without them
# those tests skip and say why. Needs root (or sudo) and Debian's package archive.
set -euo pipefail
missing=()
for tool in haproxy pgbouncer kubectl; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing ${missing[*]} for the operations tests"
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
