#!/usr/bin/env bash
# Installs what OpenDay needs on a Debian machine and is safe to run again:
# PostgreSQL server binaries and redis-server (local infrastructure mode), chromium and the Noto CJK fonts (the portal's
# browser tests: without the fonts every Chinese glyph renders as an empty box), the repository's .NET tools, NuGet packages.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || command -v postgres >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v chromium >/dev/null || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed" || missing+=(fonts-noto-cjk)
if ((${#missing[@]})); then
  echo "Installing ${missing[*]} ..."
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts its own cluster and redis on install; OpenDay runs its own on other ports, so stop theirs.
  $sudo service postgresql stop >/dev/null 2>&1 || true
  $sudo service redis-server stop >/dev/null 2>&1 || true
fi

dotnet tool restore >/dev/null
dotnet restore OpenDay.sln --verbosity quiet
