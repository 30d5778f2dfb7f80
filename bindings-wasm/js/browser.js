// What the two browser entries (web.js, web-full.js) share: `init`, and the API over a `--target web` module,
// whose calls refuse to run before `init` has loaded the module.
import { bind, LabcoreError } from './api.js'

/** `{init, ...calls}` over a wasm-bindgen web module (`initWasm` its default export, `native` its exports). */
export function browserApi (initWasm, native) {
  let ready = false
  /** Loads the module: `source` is a URL, Response, bytes or WebAssembly.Module (default: the file beside the glue). */
  async function init (source) {
    if (!ready) {
      await initWasm(source === undefined ? undefined : { module_or_path: source })
      ready = true
    }
  }
  const api = bind(native, () => {
    if (!ready) throw new LabcoreError('labcore is not initialised: await init() first', 'not_initialized')
  })
  return { init, ...api }
}
