// labcore for browsers, with redaction and TOML lab catalogs: processing, validation, HL7 v2 and FHIR R4, ACKs,
// PHI redaction — all in the page, nothing sent anywhere. `await init()` once (it fetches
// web-full/labcore_wasm_bg.wasm beside this file, or what you pass), then call the functions. Three times the
// size of `web.js` (the name lists and gazetteer of the detector).
import initWasm, * as native from './web-full/labcore_wasm.js'
import { browserApi } from './browser.js'

export const { init, process, validate, parseHl7, ack, toFhir, operationOutcome, detectFormat, LabCatalog, Policy, Redactor, redact } = browserApi(initWasm, native)
export { LabcoreError, InputError, ValidationError, CatalogError, RedactionError, OptionError } from './api.js'
