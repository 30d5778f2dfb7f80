// labcore for Node, in WebAssembly (no native addon to build or download): the full module — processing,
// validation, HL7 v2 and FHIR R4, ACKs, redaction, lab catalogs in TOML or JSON. Loaded synchronously on import.
import { createRequire } from 'node:module'
import { bind } from './api.js'

const native = createRequire(import.meta.url)('./node/labcore_wasm.js')

/** Nothing to wait for in Node (the module loads on import); here so that code can call it everywhere. */
export async function init () {}

export const { process, validate, parseHl7, ack, toFhir, operationOutcome, detectFormat, LabCatalog, Policy, Redactor, redact } = bind(native)
export { LabcoreError, InputError, ValidationError, CatalogError, RedactionError, OptionError } from './api.js'
