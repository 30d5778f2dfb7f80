// Error shapes through the WebAssembly modules (the cases are the Node addon's: bindings-node/test/error-cases.js):
// real Errors with `code`, `path`, `findings`, of the right class, no patient data anywhere in them — also when
// the raw wasm-bindgen module is called without the JS wrapper.
import test from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import * as wasm from '../pkg/node.js'
import * as browser from '../pkg/web.js'

const require = createRequire(import.meta.url)
const { registerErrorTests, assertNoPhi, thrown, MRN, NAME } = require('../../bindings-node/test/error-cases.js')
const raw = require('../pkg/node/labcore_wasm.js')

await browser.init(fs.readFileSync(new URL('../pkg/web/labcore_wasm_bg.wasm', import.meta.url)))

registerErrorTests(wasm, test, { label: 'full module: ' })
registerErrorTests(browser, test, { label: 'browser module: ', toml: false })

test('the raw module throws real Errors with code, path and findings', () => {
  const payload = JSON.stringify({ patient_id: MRN, patient: { name: NAME }, results: [{ analyte: NAME, value: 'x' }] })
  const err = thrown(() => raw.validateNative(payload, undefined, '2026-11-25T12:00:00Z', undefined, raw.LabCatalog.none(), undefined))
  assert.ok(err instanceof Error, 'an Error, not a string')
  assert.equal(err.name, 'ValidationError')
  assert.equal(err.code, 'payload_rejected')
  assert.ok(err.path.length > 0 && err.findings.length > 0)
  assertNoPhi(err)
  assert.equal(thrown(() => raw.processNative(42, undefined, undefined, undefined, raw.LabCatalog.none(), undefined)).code, 'invalid_option')
})

test('calling the browser module before init says so', async () => {
  const fresh = await import('../pkg/web.js?fresh')
  const err = thrown(() => fresh.process('{}'))
  assert.equal(err.code, 'not_initialized')
  assert.ok(err instanceof fresh.LabcoreError)
})
