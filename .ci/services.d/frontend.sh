# The front-end checks (gb-enums-cli/tests/frontend_*.rs): the TypeScript compiler, which
# type-checks the generated TypeScript, and Ajv, which validates the generated JSON Schema
# against draft 2020-12 and the values serde writes. Installed from the npm registry into
# target/node (Node.js itself from Debian when missing), only when they are not there yet.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  need_debs nodejs npm
fi
FRONTEND_DIR="target/node"
if [ ! -x "$FRONTEND_DIR/node_modules/.bin/tsc" ] || [ ! -f "$FRONTEND_DIR/node_modules/ajv/dist/2020.js" ]; then
  echo "ci: installing typescript and ajv into $FRONTEND_DIR" >&2
  mkdir -p "$FRONTEND_DIR"
  npm install --prefix "$FRONTEND_DIR" --no-audit --no-fund --silent typescript@5 ajv@8 >/dev/null
fi
