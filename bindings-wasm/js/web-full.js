// labcore for browsers, with redaction and TOML lab catalogs: processing, validation, HL7 v2 and FHIR R4, ACKs,
// PHI redaction — all in the page, nothing sent anywhere. `await init()` once (it fetches web-full/labcore_wasm_bg.wasm beside this file, or what you pass), then
// call the functions. Three times the size of `web.js` (the name lists and gazetteer of the detector).
import initWasm, * as native from './web-full/labcore_wasm.js'
import { bind, LabcoreError } from './api.js'

let ready = false

/** Loads the module: `source` is a URL, Response, bytes or WebAssembly.Module (default: the file beside this one). */
export async function init (source) {
  if (!ready) {
    await initWasm(source === undefined ? undefined : { module_or_path: source })
    ready = true
  }
}

const api = bind(native, () => {
  if (!ready) throw new LabcoreError('labcore is not initialised: await init() first', 'not_initialized')
})

export const { process, validate, parseHl7, ack, toFhir, operationOutcome, detectFormat, LabCatalog, Policy, Redactor, redact } = api
export { LabcoreError, InputError, ValidationError, CatalogError, RedactionError, OptionError } from './api.js'
