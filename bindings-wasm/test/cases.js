// A conformance case (conformance/README.md) run through any labcore JS API — the Node addon, the WASM module in
// Node or in a page — recorded as plain data: the outcome (or the error) and, for HL7 v2, the ACKs. The same
// inputs and options as bindings-node/test/conformance-runner.js, without Node's Buffer, so that it runs in a
// browser too. Records from different runtimes must be deep-equal.

export const DEFAULT_AS_OF = '2026-11-25T12:00:00Z'

/** The case's input bytes (or text), as the runner builds them. */
export function caseInput (c) {
  if (typeof c.input_text === 'string') return new TextEncoder().encode(c.input_text)
  if (Array.isArray(c.input_text)) return new TextEncoder().encode(c.input_text.map((l) => `${l}\r`).join(''))
  if (typeof c.input_base64 === 'string') return Uint8Array.from(atob(c.input_base64), (ch) => ch.charCodeAt(0))
  return new TextEncoder().encode(JSON.stringify(c.input))
}

/** Whether the case needs a lab catalog (written in TOML, which the browser module does not read). */
export const needsLabCatalog = (c) => Boolean((c.context || {}).lab_catalog)

/** The case's outcome through `api`: `{outcome, acks}` or `{error: {name, code, path, message}}`. */
export function record (api, c) {
  const context = c.context || {}
  const options = { asOf: context.as_of || DEFAULT_AS_OF, unitSystem: context.unit_system || 'conventional', priors: context.priors }
  if (context.lab_catalog) options.labCatalog = new api.LabCatalog(context.lab_catalog, 'toml', 'case')
  let outcome
  try {
    outcome = api.process(caseInput(c), { ...options, format: c.format })
  } catch (err) {
    return { error: { name: err.name, code: err.code, path: err.path, message: err.message, findings: err.findings } }
  }
  let acks = []
  if (outcome.format === 'hl7v2') {
    const ack = context.ack || {}
    acks = api.ack(caseInput(c), { ...options, controlId: ack.control_id || 'ACK-1', timestamp: ack.timestamp || options.asOf, includeInfo: ack.include_info || false })
  }
  return { outcome, acks }
}

/**
 * An API object that answers a case with a record (what bindings-node/test/conformance-runner.js's `runCase`
 * calls), so that the runner's checks judge outcomes computed elsewhere — in a page, say.
 */
export function replaying (rec, classes) {
  return {
    LabCatalog: class {},
    InputError: classes.InputError,
    process () {
      if (rec.error) throw new classes[rec.error.name](rec.error.message, rec.error.code, rec.error.path, rec.error.findings)
      return rec.outcome
    },
    ack () { return rec.acks }
  }
}
