#!/usr/bin/env bash
# The floors' import rules the compiler cannot see (SwiftPM lets a target import any module built
# before it): GRDB only inside Store; the bot and the engine speak the messenger port, never a
# messenger's API.
# `make test` runs this first.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
if grep -rln '^import GRDB' Sources | grep -v '^Sources/Store/'; then
  echo "error: only Sources/Store may import GRDB (the store's API is StoreTransaction)" >&2
  status=1
fi
if grep -rlnE '^import (BotAPI|Telegram|MaxAPI|Max)$' Sources/Bot Sources/Engine; then
  echo "error: Sources/Bot and Sources/Engine speak the messenger port (Messaging), not a messenger's API or adapter" >&2
  status=1
fi
exit $status
