#!/usr/bin/env bash
# Runs bench/torch_hessian.py with Debian's torch (/usr/bin/python3), one thread, and OpenBLAS 0.3.28 (the
# library tracediff itself uses, unpacked from the javacpp jar in ~/.m2) in place of Debian's reference BLAS,
# so both sides multiply with the same BLAS. Nothing system-wide changes. Arguments go to the Python script.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$HOME/.m2/repository/org/bytedeco/openblas/0.3.28-1.5.11/openblas-0.3.28-1.5.11-linux-x86_64.jar"
lib="${TMPDIR:-/tmp}/tracediff-openblas"
if [[ ! -e "$lib/libblas.so.3" ]]; then
  mkdir -p "$lib"
  unzip -o -q -j "$jar" 'org/bytedeco/openblas/linux-x86_64/*.so*' -d "$lib"
  ln -sf libopenblas.so.0 "$lib/libblas.so.3"
fi
exec env LD_LIBRARY_PATH="$lib" OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
  /usr/bin/python3 "$here/torch_hessian.py" "$@"
