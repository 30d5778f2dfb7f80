// In headless Chromium (Debian's, driven by playwright-core): the whole conformance corpus through both browser
// modules, deep-equal to the native addon's outcomes and passing the runner's checks; and the pre-check form
// (examples/browser-form/), typed into like a vendor would, showing a wrong unit's finding where it is.
// Screenshots go to artifacts/browser/.
import test from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { chromium } from 'playwright-core'
import { serve } from './browser/serve.js'
import { replaying } from './cases.js'

const require = createRequire(import.meta.url)
const napi = require('../../bindings-node/labcore.js')
const { ROOT, casePaths, runCase } = require('../../bindings-node/test/conformance-runner.js')
const { record } = await import('./cases.js')
const ARTIFACTS = path.resolve(ROOT, '..', 'artifacts', 'browser')

const server = await serve()
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync']
}) // a fresh, empty profile every launch (playwright makes one)
test.after(async () => {
  await browser.close()
  await server.close()
})

/** A page whose every request is recorded; fails the test on a page error. */
async function open (url) {
  const page = await browser.newPage()
  const requests = []
  const errors = []
  page.on('request', (r) => requests.push(r.url()))
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto(server.url + url)
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 })
  return { page, requests, errors }
}

test('the conformance corpus gives the native addon\'s outcomes in Chromium', async () => {
  const files = casePaths('cases', 'hl7/cases', 'fhir/cases')
  const cases = files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')))
  const { page, errors } = await open('/bindings-wasm/test/browser/conformance.html')
  const { full, light } = await page.evaluate((given) => window.runCorpus(given), cases)
  let lightRuns = 0
  files.forEach((file, i) => {
    const name = path.relative(ROOT, file)
    const native = record(napi, cases[i])
    assert.deepEqual(full[i], native, `${name}: the full module in Chromium differs from the native addon`)
    assert.deepEqual(runCase(replaying(full[i], napi), file), [], `${name}: the runner's checks`)
    if (light[i] !== null) {
      lightRuns++
      assert.deepEqual(light[i], native, `${name}: the browser module in Chromium differs from the native addon`)
    }
  })
  assert.ok(lightRuns >= files.length - 10, `the browser module ran ${lightRuns} of ${files.length} cases`)
  assert.deepEqual(errors, [])
  await page.close()
})

const WRONG_UNIT = `{
  "lab_id": "LAB-01",
  "test_type": "CMP",
  "collected_at": "2026-11-24T08:00:00-05:00",
  "results": [
    {"analyte": "Sodium", "value": 139, "unit": "mmol/L"},
    {"analyte": "Potassium", "value": 4.1, "unit": "mg/dL"}
  ]
}`

test('the form shows a wrong unit\'s finding where the unit is, computed in the page', async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  const { page, requests, errors } = await open('/examples/browser-form/index.html')
  const loaded = requests.length
  await page.click('#payload')
  await page.keyboard.type(WRONG_UNIT, { delay: 0 })
  const expected = napi.process(WRONG_UNIT).reports[0].findings.find((f) => f.path.startsWith('/results/1/unit'))
  assert.ok(expected, 'the core finds something about the unit')
  const item = page.locator(`#findings li[data-code="${expected.code}"][data-where="${expected.path}"]`)
  await item.waitFor({ timeout: 10000 })
  assert.match(await item.textContent(), new RegExp(expected.code))
  const mark = page.locator(`#mirror mark[data-code="${expected.code}"]`)
  assert.equal(await mark.textContent(), '"mg/dL"', 'the highlight covers the unit the vendor typed')
  assert.equal(await mark.getAttribute('class'), expected.severity)
  assert.equal(await page.textContent('#format'), 'labcore JSON')
  const rows = await page.locator('#results tbody tr').count()
  assert.equal(rows, 2)
  await page.screenshot({ path: path.join(ARTIFACTS, 'form-wrong-unit.png'), fullPage: true })
  // Clicking the finding selects the unit in the text.
  await item.click()
  assert.equal(await page.evaluate(() => { const t = document.getElementById('payload'); return t.value.slice(t.selectionStart, t.selectionEnd) }), '"mg/dL"')
  assert.equal(requests.length, loaded, 'typing made no request')
  assert.ok(requests.every((u) => u.startsWith(server.url)), `only the page's own files: ${requests}`)
  assert.deepEqual(errors, [])
  await page.close()
})

test('the form locates HL7 findings by segment and field', async () => {
  const { page, errors } = await open('/examples/browser-form/index.html')
  await page.selectOption('#example', 'hl7')
  await page.locator('#findings li').first().waitFor()
  const text = await page.inputValue('#payload')
  await page.fill('#payload', text.replace('|10*3/uL|4.0-11.0|', '|furlongs|4.0-11.0|'))
  const mark = page.locator('#mirror mark', { hasText: 'furlongs' })
  await mark.waitFor({ timeout: 10000 })
  const where = await page.locator('#findings li[data-where="OBX[2]-6"]').count()
  assert.ok(where >= 1, 'a finding located at OBX[2]-6')
  assert.equal(await page.textContent('#format'), 'HL7 v2')
  await page.screenshot({ path: path.join(ARTIFACTS, 'form-hl7.png'), fullPage: true })
  assert.deepEqual(errors, [])
  await page.close()
})
