#!/usr/bin/env bash
# One command installs everything into ./.venv: bash install.sh
# llama-cpp-python compiles from source the first time (~8 minutes on 2 cores); pip caches the wheel.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/pip install --upgrade pip >/dev/null
# llama.cpp is built for the AVX2 baseline on x86-64, not for this CPU (-march=native): an AVX-512 build
# decodes some answers differently (the Wikipedia test split lost one answer to it); built for AVX2, an AVX-512
# Xeon gave an AVX2-only EPYC's answers. Set CMAKE_ARGS yourself for another build (e.g. -DGGML_NATIVE=ON).
if [ "$(uname -m)" = "x86_64" ] && [ -z "${CMAKE_ARGS:-}" ]; then
  export CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON \
-DGGML_AVX512=OFF -DGGML_AVX512_VBMI=OFF -DGGML_AVX512_VNNI=OFF -DGGML_AVX512_BF16=OFF -DGGML_AVX_VNNI=OFF \
-DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF"
fi
.venv/bin/pip install -r requirements.txt
.venv/bin/pip install --no-deps -e .
# Export the encoder to ONNX once (~5 s; rag/onnx_export.py), so no `rag ask` pays for it or imports torch.
.venv/bin/rag prepare || echo "warning: the ONNX export failed; rag falls back to torch (slower cold start)" >&2
if [ "${RAG_INSTALL_BROWSER:-1}" = "1" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  # Debian's Chromium for the browser tests (never a browser download by a test tool)
  if ! command -v chromium >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
echo "installed: activate with 'source .venv/bin/activate' or call .venv/bin/rag directly"
