'use strict'
// The whole conformance corpus and the pinned published samples, through the Node addon.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const labcore = require('../labcore.js')
const { ROOT, casePaths, runCase, samplePaths, sampleSummary } = require('./conformance-runner.js')

const cases = casePaths('cases', 'hl7/cases', 'fhir/cases')

test('the corpus is all there', () => {
  assert.ok(casePaths('cases').length >= 40)
  assert.ok(casePaths('hl7/cases', 'fhir/cases').length >= 20)
})

for (const file of cases) {
  test(`case ${path.relative(ROOT, file)}`, () => {
    assert.deepEqual(runCase(labcore, file), [])
  })
}

const pinned = JSON.parse(fs.readFileSync(path.join(ROOT, 'samples.json'), 'utf8'))
for (const file of samplePaths()) {
  test(`sample ${path.basename(file)}`, () => {
    assert.deepEqual(sampleSummary(labcore, file), pinned[path.basename(file)])
  })
}
