#!/usr/bin/env bash
# The floors' import rules the compiler cannot see (SwiftPM lets a target import any module built
# before it): GRDB only inside Store; the bot speaks the messenger port, never a messenger's API.
# `make test` runs this first.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
if grep -rln '^import GRDB' Sources | grep -v '^Sources/Store/'; then
  echo "error: only Sources/Store may import GRDB (the store's API is StoreTransaction)" >&2
  status=1
fi
if grep -rlnE '^import (BotAPI|Telegram)$' Sources/Bot; then
  echo "error: Sources/Bot speaks the messenger port (Messaging), not BotAPI or Telegram" >&2
  status=1
fi
exit $status
