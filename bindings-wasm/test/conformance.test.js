// The whole conformance corpus and the pinned published samples through the WebAssembly modules in Node: the
// runner's checks (bindings-node/test/conformance-runner.js) on the full module, and every case's outcome
// deep-equal across the native addon (the core built natively), the full module and the browser module.
import test from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import * as wasm from '../pkg/node.js'
import * as browser from '../pkg/web.js'
import { record, needsLabCatalog } from './cases.js'

const require = createRequire(import.meta.url)
const { ROOT, casePaths, runCase, samplePaths, sampleSummary } = require('../../bindings-node/test/conformance-runner.js')
const napi = require('../../bindings-node/labcore.js')

await browser.init(fs.readFileSync(new URL('../pkg/web/labcore_wasm_bg.wasm', import.meta.url)))

const files = casePaths('cases', 'hl7/cases', 'fhir/cases')

test('the corpus is all there', () => {
  assert.ok(files.length >= 100, `${files.length} cases`)
})

for (const file of files) {
  const c = JSON.parse(fs.readFileSync(file, 'utf8'))
  test(`case ${path.relative(ROOT, file)}`, () => {
    assert.deepEqual(runCase(wasm, file), [], 'the runner\'s checks on the full module')
    const native = record(napi, c)
    assert.deepEqual(record(wasm, c), native, 'the full module and the native addon differ')
    if (!needsLabCatalog(c)) assert.deepEqual(record(browser, c), native, 'the browser module and the native addon differ')
  })
}

const pinned = JSON.parse(fs.readFileSync(path.join(ROOT, 'samples.json'), 'utf8'))
for (const file of samplePaths()) {
  test(`sample ${path.basename(file)}`, () => {
    assert.deepEqual(sampleSummary(wasm, file), pinned[path.basename(file)])
    assert.deepEqual(sampleSummary(browser, file), pinned[path.basename(file)])
  })
}
