#!/usr/bin/env bash
# Installs the system packages Otklik builds against, or says exactly what to install.
# Called by `make` before building; safe to run repeatedly.
set -euo pipefail

packages=(libcurl4-openssl-dev libsqlite3-dev libssl-dev zlib1g-dev librsvg2-2 fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing missing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them with:  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if ! command -v swift >/dev/null; then
  echo "The Swift toolchain (6.0 or newer) is not on PATH. Install it from swift.org and add its bin folder to PATH." >&2
  exit 1
fi
