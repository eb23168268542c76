"""llama.cpp builds and thread counts (issue 14): prompt processing and decoding speed of the bundled
SmolLM2 GGUF with the llama_cpp this interpreter imports, so two builds compare by running it twice:

    .venv/bin/python bench/llama_build.py --label native               # what install.sh builds (GGML_NATIVE)
    PYTHONPATH=/work/llama-avx2/site .venv/bin/python bench/llama_build.py --label avx2

The explicit AVX2 build (no AVX-512, no AMX: what a portable x86-64-v3 wheel would hold):

    CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF \\
      -DGGML_AVX512_VBMI=OFF -DGGML_AVX512_VNNI=OFF -DGGML_AVX512_BF16=OFF -DGGML_AMX_TILE=OFF \\
      -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF" .venv/bin/pip wheel --no-deps --no-binary llama-cpp-python \\
      llama-cpp-python==0.3.36 -w /work/llama-avx2/wheel
    .venv/bin/pip install --no-deps --target /work/llama-avx2/site /work/llama-avx2/wheel/*.whl

Per thread count: a ~220-token prompt evaluated from scratch (tokens/s) and 48 greedy tokens decoded
after it (tokens/s), median of --repeats, loaded as the product loads it (use_extra_bufts=False).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import footer, header, questions

DECODE = 48


def measure(threads: int, repeats: int, prompt: str) -> tuple[float, float, int]:
    from rag.generate import Generator
    from rag.settings import Settings

    settings = Settings.load()
    generator = Generator(settings.model_path, settings.n_ctx, threads, settings.seed)
    llm = generator.llm
    tokens = llm.tokenize(prompt.encode(), add_bos=True)
    prompt_rates, decode_rates = [], []
    for _ in range(repeats):
        llm.reset()
        started = time.perf_counter()
        llm.eval(tokens)
        prompt_rates.append(len(tokens) / (time.perf_counter() - started))
        started = time.perf_counter()
        for _ in range(DECODE):
            token = llm.sample(temp=0.0)
            llm.eval([token])
        decode_rates.append(DECODE / (time.perf_counter() - started))
    return statistics.median(prompt_rates), statistics.median(decode_rates), len(tokens)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", default="native")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    header(f"llama.cpp build: {args.label}")
    import llama_cpp

    print(f"# llama_cpp from {Path(llama_cpp.__file__).parent}")
    print(f"# system info: {llama_cpp.llama_print_system_info().decode(errors='replace').strip()}")
    context = " ".join(q["question"] for q in questions(40))
    prompt = f"Answer from the passages.\n\n{context[:1100]}\n\nQuestion: What range was Ukraine allowed?\nAnswer:"
    for threads in (int(t) for t in args.threads.split(",")):
        prompt_rate, decode_rate, n = measure(threads, args.repeats, prompt)
        print(
            f"{args.label} threads {threads}: prompt {n} tokens at {prompt_rate:.0f} tok/s, "
            f"decode {decode_rate:.1f} tok/s (median of {args.repeats})"
        )
    footer()


if __name__ == "__main__":
    main()
