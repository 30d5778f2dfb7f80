'use strict'
// Conversions every JS binding must make alike (the Node addon here, the WASM package in bindings-wasm/test/):
// every input type gives the same answer; results are plain data; options reach the core.
const assert = require('node:assert/strict')

/** Registers the conversion tests against `labcore`; `toml: false` for an API that reads lab catalogs in JSON
 * only; redaction is tested where the API has it. */
function registerApiTests (labcore, test, { toml = true, label = '' } = {}) {
  const AS_OF = '2026-11-25T12:00:00Z'
  const payload = {
    patient_id: 'MRN-7741-SECRET', lab_id: 'LAB-01', test_type: 'CMP', collected_at: '2026-11-24T08:00:00Z',
    results: [{ analyte: 'Potassium', value: 6.8, unit: 'mmol/L' }]
  }

  test(label + 'string, Buffer, Uint8Array and object give the same outcome', () => {
    const text = JSON.stringify(payload)
    const answers = [text, Buffer.from(text), new TextEncoder().encode(text), payload]
      .map((given) => JSON.stringify(labcore.process(given, { asOf: AS_OF })))
    assert.equal(new Set(answers).size, 1)
  })

  test(label + 'an outcome is plain JSON data with the language-neutral keys', () => {
    const outcome = labcore.process(payload, { asOf: new Date(AS_OF) })
    assert.deepEqual(JSON.parse(JSON.stringify(outcome)), outcome)
    assert.deepEqual(Object.keys(outcome).sort(), ['accepted', 'ack_codes', 'findings', 'format', 'reports', 'status'])
    assert.equal(outcome.status, 'NEEDS_REVIEW')
    assert.equal(outcome.reports[0].results[0].flag, 'HH')
    assert.ok(!JSON.stringify(outcome).includes('MRN-7741-SECRET'))
  })

  test(label + 'unit system, priors and lab catalog reach the core', () => {
    const glucose = { ...payload, results: [{ analyte: 'Glucose', value: 100, unit: 'mg/dL' }] }
    assert.equal(labcore.process(glucose, { asOf: AS_OF, unitSystem: 'si' }).reports[0].results[0].unit, 'mmol/L')
    const creatinine = { ...payload, results: [{ analyte: 'Creatinine', value: 1.5, unit: 'mg/dL' }] }
    const priors = [{ analyte: 'creatinine', value: 1.0, unit: 'mg/dL', collectedAt: new Date('2026-11-23T08:00:00Z') }]
    assert.notEqual(labcore.process(creatinine, { asOf: AS_OF, priors }).reports[0].results[0].delta, null)
    const lab = toml
      ? new labcore.LabCatalog('lab_id = "LAB-01"\n[[interval]]\nanalyte = "potassium"\nunit = "mmol/L"\nlow = 3.0\nhigh = 7.0\nsource = "our lab"\n')
      : new labcore.LabCatalog(JSON.stringify({ lab_id: 'LAB-01', interval: [{ analyte: 'potassium', unit: 'mmol/L', low: 3.0, high: 7.0, source: 'our lab' }] }), 'json')
    assert.equal(lab.labId, 'LAB-01')
    assert.equal(labcore.process(payload, { asOf: AS_OF, labCatalog: lab }).reports[0].results[0].range.origin, 'lab_catalog')
  })

  test(label + 'HL7: reports, ACKs and FHIR', () => {
    const message = 'MSH|^~\\&|LIS|LAB|||20261124||ORU^R01|MSG-1|P|2.5.1\rPID|1||MRN1^^^LAB^MR||DOE^JANE||19800101|F\rOBR|1|||CBC|||202611240742-0500\rOBX|1|NM|718-7^Hemoglobin^LN||13.2|g/dL|12.0-16.0|N|||F\r'
    assert.equal(labcore.detectFormat(message), 'hl7v2')
    assert.deepEqual(labcore.parseHl7(message, { asOf: AS_OF }).ack_codes, ['AA'])
    const [ack] = labcore.ack(message, { controlId: 'ACK-9', asOf: AS_OF })
    assert.match(ack, /MSA\|AA\|MSG-1/)
    const [report] = labcore.toFhir(message, { asOf: AS_OF, subject: 'Patient/1' })
    assert.equal(report.resourceType, 'DiagnosticReport')
    assert.deepEqual(report.subject, { reference: 'Patient/1' })
    assert.equal(labcore.operationOutcome({ results: 'nope' }, { asOf: AS_OF }).resourceType, 'OperationOutcome')
  })

  if (typeof labcore.Redactor === 'function') test(label + 'redaction: offsets in UTF-16, changes without values, policies as values', () => {
    const text = 'Señora Zoë Brontë-Ng 🙂 called 217-555-0199'
    const found = new labcore.Redactor().find(text, { seeds: { name: 'Zoë Brontë-Ng' } })
    // UTF-16 offsets land on the seeded name, with the social title the recall-first search masks with it, and
    // the phone.
    const slices = found.map((f) => text.slice(f.start, f.end))
    for (const wanted of ['Señora Zoë Brontë-Ng', '217-555-0199']) assert.ok(slices.includes(wanted), slices.join('|'))
    const redacted = labcore.redact(text, { asOf: AS_OF })
    assert.ok(!redacted.output.includes('217-555-0199'))
    assert.ok(redacted.changes.every((c) => Object.keys(c).sort().join() === 'category,location,operation'))
    const base = labcore.Policy.safeHarbor()
    const custom = base.withOperation('mrn', 'pseudonym').withZip3('census2000')
    assert.deepEqual([base.operation('mrn'), custom.operation('mrn'), custom.zip3, custom.needsKey], ['mask', 'pseudonym', 'census2000', true])
    const one = new labcore.Redactor(custom, 'k'.repeat(16)).redact('MRN: 4471902', { asOf: AS_OF }).output
    const other = new labcore.Redactor(custom, Buffer.from('j'.repeat(16))).redact('MRN: 4471902', { asOf: AS_OF }).output
    assert.notEqual(one, other)
    assert.ok(!one.includes('4471902'))
    assert.equal(labcore.redact(payload, { asOf: AS_OF }).format, 'labcore')
  })
}

module.exports = { registerApiTests }
