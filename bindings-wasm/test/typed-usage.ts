// Compiled with tsc --strict against the package's types (pkg/labcore.d.ts, pkg/web.d.ts): the calls a user
// writes type-check, and results have the documented shape.
import { process, validate, ack, toFhir, redact, Policy, Redactor, LabCatalog, LabcoreError, ValidationError } from '../pkg/node.js'
import type { Outcome, Finding, Redacted } from '../pkg/labcore.js'
import * as browser from '../pkg/web.js'

const outcome: Outcome = process('{"results": []}', { asOf: new Date(), unitSystem: 'si' })
const codes: string[] = outcome.findings.map((f: Finding) => f.code)
const flagged = outcome.reports.flatMap((r) => r.results).filter((r) => r.flag === 'H')
const lab = new LabCatalog('{"lab_id": "LAB-01"}', 'json')
const labId: string | null = lab.labId
try {
  validate(new Uint8Array([123, 125]), { labCatalog: lab })
} catch (err) {
  if (err instanceof ValidationError) console.log(err.code, err.path, err.findings.length)
  else if (err instanceof LabcoreError) console.log(err.code)
}
const acks: string[] = ack('MSH|^~\\&|||||20261124||ORU^R01|1|P|2.5.1\r', { controlId: 'A1' })
const reports = toFhir('{"results": []}', { subject: 'Patient/1' })
const redacted: Redacted = redact('Call 217-555-0199', { policy: Policy.safeHarbor().withOperation('phone', 'remove') })
const found = new Redactor(undefined, new Uint8Array(16)).find('Jane Doe')
async function inBrowser (): Promise<string | null> {
  await browser.init(new URL('https://example.org/labcore_wasm_bg.wasm'))
  return browser.detectFormat('MSH|^~\\&|')
}
console.log(codes, flagged, labId, acks, reports, redacted.output, found, inBrowser)
