// labcore in WebAssembly: the public API around a wasm-bindgen module (web/, web-full/ or node/). It converts
// arguments (objects to JSON text, Dates to RFC 3339, bytes to Uint8Array) and errors (the module's Error, which
// already carries `name`, `code`, `path` and `findings`, to the matching LabcoreError subclass); every decision is
// the Rust core's. Results are the core's language-neutral JSON as plain objects (snake_case keys, as in
// labcore's report schema) — the same as the Node addon's.

/** Base class of every labcore error: a real Error with a stable `code`, a `path` and, for rejections, `findings`. */
export class LabcoreError extends Error {
  constructor (message, code = 'labcore_error', path = '', findings = []) {
    super(message)
    this.name = new.target.name
    this.code = code
    this.path = path
    this.findings = findings
  }
}
/** The input is unusable as a whole: empty, too large, not JSON, in no format labcore reads. */
export class InputError extends LabcoreError {}
/** The payload was read but rejected; `findings` lists every problem. */
export class ValidationError extends LabcoreError {}
/** A laboratory catalog could not be loaded. */
export class CatalogError extends LabcoreError {}
/** Redaction cannot run as asked (key required, key too short). */
export class RedactionError extends LabcoreError {}
/** An option has a value labcore does not know. */
export class OptionError extends LabcoreError {}

const CLASSES = { LabcoreError, InputError, ValidationError, CatalogError, RedactionError, OptionError }

/** The module's error (name = class, code, path, findings) as a LabcoreError subclass; anything else unchanged. */
function convertError (err) {
  if (err instanceof Error && !(err instanceof LabcoreError) && typeof err.code === 'string' && err.name in CLASSES) {
    return new CLASSES[err.name](err.message, err.code, err.path ?? '', err.findings ?? [])
  }
  return err
}

function call (fn) {
  try {
    return fn()
  } catch (err) {
    throw convertError(err)
  }
}

const callJson = (fn) => JSON.parse(call(fn))

function input (payload, name = 'payload') {
  if (typeof payload === 'string' || payload instanceof Uint8Array) return payload
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload)
  if (ArrayBuffer.isView(payload)) return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength)
  if (payload !== null && typeof payload === 'object') return JSON.stringify(payload)
  throw new TypeError(`${name} must be a string, Uint8Array, ArrayBuffer or object`)
}

function time (value, name) {
  if (value === undefined || value === null) return undefined
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new OptionError(`${name} is an invalid Date`, 'invalid_option', name)
    return value.toISOString()
  }
  if (typeof value === 'string') return value
  throw new TypeError(`${name} must be a Date or an RFC 3339 string`)
}

function priors (list) {
  if (list === undefined || list === null) return undefined
  if (!Array.isArray(list)) return JSON.stringify(list) // the core says what is wrong with it
  return JSON.stringify(list.map((p) => ({ ...p, collectedAt: time(p.collectedAt ?? p.collected_at, 'priors collectedAt') })))
}

const json = (value) => (value === undefined || value === null ? undefined : JSON.stringify(value))

/**
 * The API over one wasm-bindgen module. `ready()` runs before every call (the browser module must be
 * initialised first). Redaction exists only where the module has it.
 */
export function bind (native, ready = () => {}) {
  let none
  const lab = (catalog) => {
    if (catalog !== undefined && catalog !== null) return catalog.native
    none ??= native.LabCatalog.none()
    return none
  }
  const run = (fn) => {
    ready()
    return fn()
  }

  /** A laboratory's own catalog: `new LabCatalog(text, 'toml' | 'json')` (TOML where the module reads it). */
  class LabCatalog {
    constructor (text, format, name) {
      this.native = run(() => call(() => new native.LabCatalog(text, format, name)))
    }

    get labId () { return this.native.labId }
  }

  const api = {
    LabCatalog,

    /** Validates, normalises and flags a payload: `{format, accepted, status, reports, findings, ack_codes}`. */
    process (payload, { format, asOf, unitSystem, labCatalog, priors: previous } = {}) {
      return run(() => callJson(() => native.processNative(input(payload), format, time(asOf, 'asOf'), unitSystem, lab(labCatalog), priors(previous))))
    },

    /** Like `process`, but throws ValidationError (`payload_rejected`, with every finding) for a rejected input. */
    validate (payload, { format, asOf, unitSystem, labCatalog, priors: previous } = {}) {
      return run(() => callJson(() => native.validateNative(input(payload), format, time(asOf, 'asOf'), unitSystem, lab(labCatalog), priors(previous))))
    },

    /** Reads HL7 v2 into labcore reports (`process` with format `hl7v2`). */
    parseHl7 (message, options = {}) {
      return api.process(message, { ...options, format: 'hl7v2' })
    },

    /** The ACK of each HL7 message, each a string of CR-terminated segments. */
    ack (message, { controlId, timestamp, includeInfo, asOf, unitSystem, labCatalog, priors: previous } = {}) {
      return run(() => call(() => native.ackNative(input(message, 'message'), controlId, time(timestamp, 'timestamp'), includeInfo,
        time(asOf, 'asOf'), unitSystem, lab(labCatalog), priors(previous))))
    },

    /** Each report as a FHIR R4 DiagnosticReport; throws ValidationError (`report_rejected`) for a rejected one. */
    toFhir (payload, { format, asOf, unitSystem, labCatalog, issued, subject } = {}) {
      return run(() => callJson(() => native.toFhirNative(input(payload), format, time(asOf, 'asOf'), unitSystem, lab(labCatalog),
        time(issued, 'issued'), subject)))
    },

    /** Every finding as a FHIR R4 OperationOutcome. */
    operationOutcome (payload, { format, asOf, unitSystem, labCatalog } = {}) {
      return run(() => callJson(() => native.operationOutcomeNative(input(payload), format, time(asOf, 'asOf'), unitSystem, lab(labCatalog))))
    },

    /** The format of an input (`labcore`, `fhir`, `hl7v2`), or null. */
    detectFormat (payload) {
      return run(() => call(() => native.detectFormat(input(payload)) ?? null))
    }
  }
  if (native.Redactor) Object.assign(api, redaction(native, run))
  return api
}

/** Policy, Redactor and redact over a module that has redaction. */
function redaction (native, run) {
  const key = (value) => (value === undefined || value === null ? undefined : input(value, 'key'))
  const policyOf = (policy) => policy?.native ?? native.Policy.safeHarbor()

  /** A redaction policy (immutable: every method returns a new one): `Policy.safeHarbor()` (the default),
   * `Policy.limitedDataSet()`, then `.withOperation(category, operation)`, `.withZip3(list)`, `.withShiftDays(n)`. */
  class Policy {
    constructor (nativePolicy) { this.native = nativePolicy }
    static safeHarbor () { return run(() => new Policy(native.Policy.safeHarbor())) }
    static limitedDataSet () { return run(() => new Policy(native.Policy.limitedDataSet())) }
    static categories () { return run(() => native.Policy.categories()) }
    withOperation (category, operation) { return new Policy(call(() => this.native.withOperation(category, operation))) }
    withZip3 (list) { return new Policy(call(() => this.native.withZip3(list))) }
    withShiftDays (days) { return new Policy(call(() => this.native.withShiftDays(days))) }
    operation (category) { return call(() => this.native.operation(category)) }
    get name () { return this.native.name }
    get zip3 () { return this.native.zip3 }
    get needsKey () { return this.native.needsKey }
  }

  /** A redactor: a policy, its key (string or bytes, ≥ 16 bytes) and the compiled detector. */
  class Redactor {
    constructor (policy, secret) {
      this.native = run(() => call(() => new native.Redactor(policyOf(policy), key(secret))))
    }

    /** Redacts text or a document: `{format, output, changes}`. */
    redact (data, { format, asOf, patient, seeds } = {}) {
      return callJson(() => this.native.redactNative(input(data, 'data'), format, time(asOf, 'asOf'), patient, json(seeds)))
    }

    /** The identifiers in free text: `{start, end, category}`, so that `text.slice(start, end)` is each one. */
    find (text, { seeds } = {}) {
      return callJson(() => this.native.findNative(text, json(seeds)))
    }

    /** The policy. */
    get policy () { return new Policy(this.native.policy) }
  }

  /** Redacts with a one-off redactor (default Safe Harbor, no key). */
  function redact (data, { policy, key: secret, format, asOf, patient, seeds } = {}) {
    return run(() => callJson(() => native.redactNative(input(data, 'data'), policyOf(policy), key(secret), format, time(asOf, 'asOf'), patient, json(seeds))))
  }

  return { Policy, Redactor, redact }
}
