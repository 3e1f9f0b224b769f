# Sourced by .ci/run: the browser tests (the API reference page) need Debian's Chromium; install it when missing.

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Chromium for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends chromium >/dev/null \
    || { apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null; }
fi
