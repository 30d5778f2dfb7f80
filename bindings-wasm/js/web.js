// labcore for browsers: processing, validation, HL7 v2 and FHIR R4, ACKs — all in the page, nothing sent
// anywhere. `await init()` once (it fetches web/labcore_wasm_bg.wasm beside this file, or what you pass), then
// call the functions. Lab catalogs are read in JSON here; redaction is in `web-full.js`.
import initWasm, * as native from './web/labcore_wasm.js'
import { browserApi } from './browser.js'

export const { init, process, validate, parseHl7, ack, toFhir, operationOutcome, detectFormat, LabCatalog } = browserApi(initWasm, native)
export { LabcoreError, InputError, ValidationError, CatalogError, RedactionError, OptionError } from './api.js'
