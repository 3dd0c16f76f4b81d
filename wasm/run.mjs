// Runs a wasm32-wasip1 program under Node's WASI (node:wasi, preview1).
//   node run.mjs target/wasm32-wasip1/release/jose-core-wasi.wasm
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import { argv, exit } from 'node:process';

const wasi = new WASI({ version: 'preview1', args: [argv[2]], env: {}, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(argv[2]));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
exit(wasi.start(instance));
