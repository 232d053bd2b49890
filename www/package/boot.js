// Starts the app; the wasm is found next to this script, wherever the page is. Its
// memory is named for measurements (bench/run.mjs).
import init from './{glue}';
{reader}
const wasm = await init({ module_or_path: new URL('./{wasm}', import.meta.url) });
globalThis.__jikji = { ...globalThis.__jikji, memory: wasm.memory };
