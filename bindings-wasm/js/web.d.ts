// Types of labcore's browser module (web.js): everything but redaction; lab catalogs in JSON.
export type { Payload, Bytes, Time, FormatName, UnitSystemName, Finding, Report, Outcome, Prior, ProcessOptions, AckOptions, FhirOptions } from './labcore.js'
export { init, process, validate, parseHl7, ack, toFhir, operationOutcome, detectFormat, LabCatalog, LabcoreError, InputError, ValidationError, CatalogError, RedactionError, OptionError } from './labcore.js'
