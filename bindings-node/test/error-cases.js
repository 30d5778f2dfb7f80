'use strict'
// The error cases every JS binding must answer alike (the Node addon here, the WASM package in
// bindings-wasm/test/): real Error objects of the right class with a stable `code`, a `path` and (for
// rejections) `findings`; no patient data in the message, the properties or the stack.
const assert = require('node:assert/strict')

const NAME = 'Okonkwo-Fairweather'
const MRN = 'MRN-99887766'
const VALUE = '7.4219'

function rejectedPayload () {
  return {
    patient_id: MRN,
    patient: { name: NAME, birth_date: '1951-02-03', sex: 'F' },
    lab_id: 'LAB-01',
    test_type: 'CMP',
    collected_at: 'not a time ' + NAME,
    results: [{ analyte: NAME, value: VALUE + 'x', unit: 'furlongs ' + MRN }]
  }
}

function thrown (fn) {
  try {
    fn()
  } catch (err) {
    return err
  }
  assert.fail('did not throw')
}

function assertNoPhi (err) {
  const everything = [err.message, err.stack, JSON.stringify(err), JSON.stringify(err.findings)].join('\n')
  for (const secret of [NAME, MRN, VALUE]) assert.ok(!everything.includes(secret), `${secret} leaks`)
}

function errorCases (labcore, { toml = true } = {}) {
  const redaction = typeof labcore.Redactor === 'function'
  const cases = [
    ['not JSON', () => labcore.process(Buffer.from('{"patient_id": ')), labcore.InputError, 'not_json', 'line 1 column 15'],
    ['empty', () => labcore.process('   '), labcore.InputError, 'empty_input', ''],
    ['garbage', () => labcore.process(Buffer.from('\x00\x01 garbage ' + MRN)), labcore.InputError, 'unknown_format', ''],
    ['rejected', () => labcore.validate(rejectedPayload()), labcore.ValidationError, 'payload_rejected', null],
    ['rejected as FHIR', () => labcore.toFhir(rejectedPayload()), labcore.ValidationError, 'report_rejected', null],
    ['bad catalog', () => new labcore.LabCatalog('{"interval": 7, "x": "' + NAME + '"', 'json'), labcore.CatalogError, 'catalog_syntax', ''],
    toml
      ? ['bad TOML catalog', () => new labcore.LabCatalog('[[interval]\n' + NAME, 'toml'), labcore.CatalogError, 'catalog_syntax', '']
      : ['TOML catalog where TOML is not read', () => new labcore.LabCatalog('[[interval]\n' + NAME, 'toml'), labcore.OptionError, 'invalid_option', 'format'],
    ['key required', () => new labcore.Redactor(labcore.Policy.safeHarbor().withOperation('name', 'pseudonym')), labcore.RedactionError, 'key_required', ''],
    ['short key', () => new labcore.Redactor(undefined, 'short'), labcore.RedactionError, 'key_too_short', 'key'],
    ['unit system', () => labcore.process('{}', { unitSystem: 'metric' }), labcore.OptionError, 'invalid_option', 'unitSystem'],
    ['format', () => labcore.process('{}', { format: 'xml' }), labcore.OptionError, 'invalid_option', 'format'],
    ['operation', () => labcore.Policy.safeHarbor().withOperation('name', 'shred'), labcore.OptionError, 'invalid_option', 'operation'],
    ['redact format', () => labcore.redact('x', { format: 'pdf' }), labcore.OptionError, 'invalid_option', 'format'],
    // Redaction fails closed: what it cannot read is an error, never "nothing to change".
    ['redact binary', () => labcore.redact(Buffer.concat([Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256)), Buffer.from(MRN)])), labcore.InputError, 'unreadable_input', ''],
    ['redact binary as HL7', () => labcore.redact(Buffer.from('\x00\x01 garbage ' + MRN), { format: 'hl7v2' }), labcore.InputError, 'unreadable_input', ''],
    ['redact deep JSON', () => labcore.redact('['.repeat(50000) + ']'.repeat(50000)), labcore.InputError, 'input_too_deep', '']
  ]
  const needsRedaction = new Set(['key required', 'short key', 'operation', 'redact format', 'redact binary', 'redact binary as HL7', 'redact deep JSON'])
  return cases.filter(([name]) => redaction || !needsRedaction.has(name))
}

/** Registers every error test against `labcore` (an API object with the classes of labcore.js). Cases that
 * need what the API lacks (redaction in the browser module) are left out; `toml: false` for an API that reads
 * lab catalogs in JSON only. */
function registerErrorTests (labcore, test, { toml = true, label = '' } = {}) {
  for (const [name, fn, Class, code, path] of errorCases(labcore, { toml })) {
    test(`${label}${name}: ${Class.name} ${code}`, () => {
      const err = thrown(fn)
      assert.ok(err instanceof Error && err instanceof labcore.LabcoreError && err instanceof Class, String(err))
      assert.equal(err.name, Class.name)
      assert.equal(err.code, code)
      if (path === null) assert.ok(err.path.length > 0)
      else assert.equal(err.path, path)
      assert.ok(Array.isArray(err.findings))
      assertNoPhi(err)
    })
  }

  test(`${label}a rejection carries every finding as data`, () => {
    const err = thrown(() => labcore.validate(rejectedPayload(), { asOf: '2026-11-25T12:00:00Z' }))
    const codes = new Set(err.findings.map((f) => f.code))
    for (const code of ['invalid_value', 'unknown_analyte', 'value_not_numeric']) assert.ok(codes.has(code), code)
    assert.equal(err.path, err.findings.find((f) => f.severity === 'error').path)
  })

  test(`${label}HL7 rejections are located in the message`, () => {
    const message = `MSH|^~\\&|LIS|LAB|||20261124||ORU^R01|1|P|2.5.1\rPID|1||${MRN}||${NAME}\rOBR|1|||CBC\rOBX|1|NM|718-7^Hemoglobin^LN||abc|g/dL|||||F\r`
    const err = thrown(() => labcore.validate(message, { asOf: '2026-11-25T12:00:00Z' }))
    assert.match(err.path, /^(OBX|OBR|MSH|PID)/)
    assertNoPhi(err)
  })

  test(`${label}wrong types are TypeErrors, invalid Dates OptionErrors`, () => {
    assert.throws(() => labcore.process(42), TypeError)
    assert.throws(() => labcore.process('{}', { asOf: 42 }), TypeError)
    assert.throws(() => labcore.process('{}', { asOf: new Date('nope') }), labcore.OptionError)
  })
}

module.exports = { NAME, MRN, VALUE, rejectedPayload, thrown, assertNoPhi, errorCases, registerErrorTests }
