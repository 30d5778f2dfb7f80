// Uses the public API as an application does; `tsc --strict --noEmit` checks it against labcore.d.ts.
import * as labcore from '../labcore'

export function flagged (payload: Record<string, unknown>): string[] {
  const outcome: labcore.Outcome = labcore.process(payload, { asOf: new Date(), unitSystem: 'si' })
  return outcome.reports.flatMap((r) => r.results.filter((x) => x.flag !== null && x.flag !== 'N').map((x) => String(x.analyte)))
}

export function acknowledge (message: Buffer): string {
  try {
    const outcome = labcore.validate(message, { format: 'hl7v2' })
    console.log(outcome.status, outcome.ack_codes)
  } catch (err) {
    if (err instanceof labcore.ValidationError) console.log(err.code, err.path, err.findings.length)
    else throw err
  }
  return labcore.ack(message, { controlId: 'ACK-1' })[0]
}

export function scrub (note: string, key: Buffer): string {
  const policy = labcore.Policy.safeHarbor().withOperation('mrn', 'pseudonym').withZip3('census2000')
  const redactor = new labcore.Redactor(policy, key)
  const found: labcore.Detection[] = redactor.find(note)
  const redacted: labcore.Redacted = redactor.redact(note, { format: 'text', seeds: { name: ['Jane Doe'] } })
  console.log(found.length, redacted.changes.map((c) => c.category))
  return redacted.output
}

export function render (payload: string, lab: labcore.LabCatalog): Array<Record<string, any>> {
  const outcome = labcore.operationOutcome(payload, { labCatalog: lab })
  console.log(outcome.resourceType, labcore.detectFormat(payload))
  return labcore.toFhir(payload, { subject: 'Patient/1', labCatalog: lab })
}
