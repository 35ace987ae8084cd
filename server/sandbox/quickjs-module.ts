/**
 * The QuickJS WebAssembly module, compiled once per process. Each code run gets its own
 * runtime and context from it (run-code.ts), so runs share no JavaScript state; only the
 * compiled wasm and its linear memory (which grows to the largest run's limit) are shared.
 */
import { newQuickJSWASMModuleFromVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';
// The release build with a separate .wasm file and no asyncify: smallest and fastest; the
// sandbox exposes no async host functions, so asyncify is not needed.
import releaseSync from '@jitl/quickjs-wasmfile-release-sync';

let loading: Promise<QuickJSWASMModule> | undefined;

export function quickjsModule(): Promise<QuickJSWASMModule> {
  loading ??= newQuickJSWASMModuleFromVariant(releaseSync).catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

/**
 * Drop the module after a failure that may have left its wasm state inconsistent (a host
 * stack overflow inside the interpreter): the next run compiles a fresh one.
 */
export function discardQuickjsModule(): void {
  loading = undefined;
}
