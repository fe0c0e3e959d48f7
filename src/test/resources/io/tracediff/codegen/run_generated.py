"""Runs generated modules for the codegen tests, all in one process: run_generated.py LANG DIR.

DIR/cases.json lists {"module", "inputs": {name: {"kind", "rows", "cols", "data"}}}; each module DIR/<module>.py
is imported and evaluate(**inputs) called (under jax.jit for jax); DIR/results.json gets, per case,
{"outputs": {name: {"shape", "dtype", "data"}}} or {"error": message}.
"""
import importlib.util
import json
import sys

lang, work = sys.argv[1], sys.argv[2]
if lang == "jax":
    import jax
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    array = lambda data, shape: jnp.asarray(data, dtype=jnp.float64).reshape(shape)
elif lang == "torch":
    import torch
    array = lambda data, shape: torch.tensor(data, dtype=torch.float64).reshape(shape)
else:
    import numpy as np
    array = lambda data, shape: np.asarray(data, dtype=np.float64).reshape(shape)

with open(work + "/cases.json") as fh:
    cases = json.load(fh)
results = []
for case in cases:
    try:
        spec = importlib.util.spec_from_file_location(case["module"], work + "/" + case["module"] + ".py")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        inputs = {}
        for name, v in case["inputs"].items():
            shape = () if v["kind"] == "scalar" else (v["rows"],) if v["kind"] == "vector" else (v["rows"], v["cols"])
            inputs[name] = array(v["data"], shape)
        fn = jax.jit(mod.evaluate) if lang == "jax" else mod.evaluate
        out = fn(**inputs)
        results.append({"outputs": {k: {"shape": list(v.shape), "dtype": str(v.dtype),
                                         "data": [float(x) for x in (v.reshape(-1).tolist() if lang != "torch" else v.reshape(-1).tolist())]}
                                     for k, v in out.items()}})
    except Exception as e:  # reported per case, so one failure does not hide the others
        results.append({"error": type(e).__name__ + ": " + str(e)})
with open(work + "/results.json", "w") as fh:
    json.dump(results, fh)
